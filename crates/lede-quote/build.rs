include!("../../tests/shared.rs");
