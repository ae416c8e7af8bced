//! Exact decimals for the values of claims.

/// An exact decimal (`mantissa × 10^exp`) so that `1.2 billion` is exactly 1200000000.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Dec {
    pub(super) mantissa: u128,
    pub(super) exp: i32,
}

impl Dec {
    pub(super) fn int(n: u128) -> Self {
        Self {
            mantissa: n,
            exp: 0,
        }
    }

    pub(super) fn parse(s: &str) -> Option<Self> {
        let mut mantissa: u128 = 0;
        let mut exp = 0i32;
        let mut after_point = false;
        for c in s.chars() {
            match c {
                '0'..='9' => {
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(u128::from(c as u8 - b'0'))?;
                    if after_point {
                        exp -= 1;
                    }
                }
                ',' => {}
                '.' => after_point = true,
                _ => return None,
            }
        }
        Some(Self { mantissa, exp })
    }

    pub(super) fn scaled(self, pow10: i32) -> Self {
        Self {
            mantissa: self.mantissa,
            exp: self.exp + pow10,
        }
    }

    pub(super) fn times(self, n: u128) -> Option<Self> {
        Some(Self {
            mantissa: self.mantissa.checked_mul(n)?,
            exp: self.exp,
        })
    }

    pub(super) fn to_f64(self) -> f64 {
        // Decimal string to f64 is correctly rounded: exact and platform-independent.
        format!("{}e{}", self.mantissa, self.exp)
            .parse()
            .unwrap_or(f64::NAN)
    }
}
