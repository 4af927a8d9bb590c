//! The checksum `db copy` compares between the source and the copy, table by table.

use super::Value;

/// A checksum of a table's rows that does not depend on their order: the databases sort text
/// keys by their own collations (MariaDB's ignore case, PostgreSQL's follow the locale,
/// SQLite compares bytes), so the same rows come back in different orders from each. Each row
/// is hashed (SHA-256 over its values, each written with its kind and length, so no two rows
/// encode alike), the row hashes are added modulo 2^256, and the sum is hashed with the table's
/// name and row count. It finds rows lost, added, changed or copied wrongly; it is not meant to
/// withstand someone crafting rows to collide.
pub struct Checksum {
    table: String,
    rows: u64,
    sum: [u8; 32],
}

impl Checksum {
    pub fn new(table: &str) -> Self {
        Self { table: table.to_owned(), rows: 0, sum: [0; 32] }
    }

    pub fn add(&mut self, row: &[Value]) {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        for value in row {
            match value {
                Value::Null => ctx.update(b"N"),
                Value::Int(i) => {
                    ctx.update(b"I");
                    ctx.update(&i.to_be_bytes());
                }
                Value::Text(s) => {
                    ctx.update(b"T");
                    ctx.update(&(s.len() as u64).to_be_bytes());
                    ctx.update(s.as_bytes());
                }
            }
        }
        let digest = ctx.finish();
        let mut carry = 0u16;
        for (acc, byte) in self.sum.iter_mut().rev().zip(digest.as_ref().iter().rev()) {
            let total = u16::from(*acc) + u16::from(*byte) + carry;
            *acc = (total & 0xff) as u8;
            carry = total >> 8;
        }
        self.rows += 1;
    }

    /// Rows added so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The checksum in hex.
    pub fn finish(&self) -> String {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(b"portcullis db copy 1\0");
        ctx.update(self.table.as_bytes());
        ctx.update(b"\0");
        ctx.update(&self.rows.to_be_bytes());
        ctx.update(&self.sum);
        ctx.finish().as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Checksum, Value};

    fn sum(rows: &[Vec<Value>]) -> String {
        let mut c = Checksum::new("t");
        for r in rows {
            c.add(r);
        }
        c.finish()
    }

    #[test]
    fn the_checksum_ignores_order_and_sees_every_change() {
        let a = vec![Value::Text("a".into()), Value::Int(1), Value::Null];
        let b = vec![Value::Text("b".into()), Value::Int(2), Value::Text(String::new())];
        assert_eq!(sum(&[a.clone(), b.clone()]), sum(&[b.clone(), a.clone()]));
        assert_ne!(sum(&[a.clone(), b.clone()]), sum(std::slice::from_ref(&a)));
        let mut changed = b.clone();
        changed[1] = Value::Int(3);
        assert_ne!(sum(&[a.clone(), b.clone()]), sum(&[a.clone(), changed]));
        // NULL and the empty text differ; so do "ab","" and "a","b".
        let null = vec![Value::Null];
        let empty = vec![Value::Text(String::new())];
        assert_ne!(sum(&[null]), sum(&[empty]));
        let one = vec![Value::Text("ab".into()), Value::Text(String::new())];
        let two = vec![Value::Text("a".into()), Value::Text("b".into())];
        assert_ne!(sum(&[one]), sum(&[two]));
    }
}
