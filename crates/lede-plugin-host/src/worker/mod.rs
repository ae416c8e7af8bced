//! Plugins in worker processes: the wire ([`protocol`]), the worker's loop ([`serve`]) and
//! the host's pool of workers ([`process`]).

pub(crate) mod process;
pub mod protocol;
mod serve;

pub use process::WorkerConfig;
pub use serve::serve;
