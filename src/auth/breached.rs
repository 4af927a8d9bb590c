//! Breached-password screening, offline: binary fuse filters (xorf's `BinaryFuse16`, about 18
//! bits a password, a false-positive rate near 2^-16) over the SHA-1 of known breached
//! passwords, sharded by the digest's first byte. docs/breached-passwords.md describes it.
//!
//! - The built-in list is compiled into the binary (`data/breached-passwords.pcbf`, made by
//!   `scripts/breached-passwords.sh` from the named package versions); an operator's own
//!   (`portcullis passwords build-filter`, from a list of passwords or a downloaded Have I Been
//!   Pwned file of SHA-1 lines) is memory-mapped from `PORTCULLIS_BREACHED_PASSWORDS_FILE`.
//! - A check is one SHA-1 and three reads of 16 bits: no network, ever.
//! - Building reads its input once, spilling each key to one of 256 shard files, then builds
//!   one shard at a time: memory is bounded by the largest shard, not the input.
//!
//! The file: `PCBFUSE1`, the shard count (u32, 256), the key count (u64), the fingerprint
//! width (u32, 16), eight reserved bytes; then per shard its seed (u64), segment length, mask and
//! segment count length (u32 each), four reserved bytes, the fingerprints' offset in the file
//! and their count (u64 each); then the fingerprints (u16), all little-endian. Lookups follow
//! xorf's `BinaryFuse16::contains` exactly (a unit test compares them).

use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::domain::Password;

const MAGIC: &[u8; 8] = b"PCBFUSE1";
const SHARDS: usize = 256;
const HEADER: usize = 32;
const ENTRY: usize = 40;

/// The list compiled into the binary.
static BUILT_IN: &[u8] = include_bytes!("../../data/breached-passwords.pcbf");

/// One shard's filter parameters, and where its fingerprints are.
#[derive(Debug, Clone, Copy)]
struct Shard {
    seed: u64,
    segment_length: u32,
    segment_length_mask: u32,
    segment_count_length: u32,
    offset: usize,
    len: usize,
}

enum Bytes {
    Static(&'static [u8]),
    Mapped(memmap2::Mmap),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Mapped(m) => m,
        }
    }
}

/// A list of breached passwords to screen new ones against.
pub struct BreachedList {
    bytes: Bytes,
    shards: Vec<Shard>,
    keys: u64,
    /// Where it came from: `built-in` or the file's path.
    pub source: String,
}

impl std::fmt::Debug for BreachedList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BreachedList")
            .field("source", &self.source)
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut x = [0; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(x)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// The SHA-1 of a password as checked: its NFKC form (the one Portcullis hashes), in UTF-8.
pub fn digest(password: &str) -> [u8; 20] {
    let d = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, password.as_bytes());
    let mut out = [0; 20];
    out.copy_from_slice(d.as_ref());
    out
}

/// The shard and the 64-bit key of a digest: its first byte, and the eight after it.
fn split(d: &[u8; 20]) -> (usize, u64) {
    let mut k = [0; 8];
    k.copy_from_slice(&d[1..9]);
    (usize::from(d[0]), u64::from_be_bytes(k))
}

/// MurmurHash3's finaliser, as xorf mixes a key with the filter's seed.
const fn mix(key: u64, seed: u64) -> u64 {
    let mut k = key.wrapping_add(seed);
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

impl BreachedList {
    /// The list compiled into the binary (parsed once).
    pub fn built_in() -> anyhow::Result<Self> {
        Self::parse(Bytes::Static(BUILT_IN), "built-in".into())
    }

    /// A list made by `portcullis passwords build-filter`, memory-mapped.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        // SAFETY: the map is read-only and private to this process; the documented way to
        // replace the file is a new file renamed over it (the old inode stays mapped), never a
        // write into it. A truncation under us could fault the process, which is what reading a
        // file that vanishes mid-read means anyway; every offset is checked against the length.
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::Mmap::map(&file) }
            .with_context(|| format!("cannot map {}", path.display()))?;
        Self::parse(Bytes::Mapped(map), path.display().to_string())
    }

    fn parse(bytes: Bytes, source: String) -> anyhow::Result<Self> {
        let b = bytes.get();
        let what = || format!("{source} is not a breached-password filter");
        if b.len() < HEADER || &b[..8] != MAGIC {
            bail!("{} (no PCBFUSE1 header)", what());
        }
        if u32_at(b, 8) as usize != SHARDS || u32_at(b, 20) != 16 {
            bail!("{} (unknown shard count or fingerprint width)", what());
        }
        let keys = u64_at(b, 12);
        if b.len() < HEADER + SHARDS * ENTRY {
            bail!("{} (truncated)", what());
        }
        let mut shards = Vec::with_capacity(SHARDS);
        for i in 0..SHARDS {
            let at = HEADER + i * ENTRY;
            let shard = Shard {
                seed: u64_at(b, at),
                segment_length: u32_at(b, at + 8),
                segment_length_mask: u32_at(b, at + 12),
                segment_count_length: u32_at(b, at + 16),
                offset: usize::try_from(u64_at(b, at + 24))?,
                len: usize::try_from(u64_at(b, at + 32))?,
            };
            let end = shard.len.checked_mul(2).and_then(|n| n.checked_add(shard.offset));
            // Every index a lookup can make stays inside the shard's fingerprints: below
            // `segment_count_length + 2 * segment_length` when the segment length is a power of
            // two, its mask one less, and the count length a multiple of it.
            let (seg, mask) =
                (u64::from(shard.segment_length), u64::from(shard.segment_length_mask));
            let count = u64::from(shard.segment_count_length);
            let fits = shard.len == 0
                || (seg.is_power_of_two()
                    && mask + 1 == seg
                    && count % seg == 0
                    && count + 2 * seg <= shard.len as u64);
            if end.is_none_or(|e| e > b.len()) || !fits || shard.offset % 2 != 0 {
                bail!("{} (shard {i} out of bounds)", what());
            }
            shards.push(shard);
        }
        Ok(Self { bytes, shards, keys, source })
    }

    /// How many distinct passwords (digests) it was built from.
    pub fn len(&self) -> u64 {
        self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys == 0
    }

    /// Whether `password` (normalised) is on the list (or, about once in 65,536, collides
    /// with one that is).
    pub fn contains(&self, password: &Password) -> bool {
        self.contains_digest(&digest(password.expose()))
    }

    /// Whether a SHA-1 digest is on the list.
    pub fn contains_digest(&self, d: &[u8; 20]) -> bool {
        let (shard, key) = split(d);
        let s = self.shards[shard];
        if s.len == 0 {
            return false;
        }
        let hash = mix(key, s.seed);
        let mut f = (hash ^ (hash >> 32)) as u16;
        let hi = ((u128::from(hash) * u128::from(s.segment_count_length)) >> 64) as u32;
        let h0 = hi;
        let mut h1 = h0.wrapping_add(s.segment_length);
        let mut h2 = h1.wrapping_add(s.segment_length);
        h1 ^= ((hash >> 18) as u32) & s.segment_length_mask;
        h2 ^= (hash as u32) & s.segment_length_mask;
        let b = self.bytes.get();
        let at = |h: u32| {
            let i = s.offset + 2 * h as usize;
            u16::from_le_bytes([b[i], b[i + 1]])
        };
        f ^= at(h0) ^ at(h1) ^ at(h2);
        f == 0
    }
}

impl crate::domain::Screen for BreachedList {
    fn contains(&self, password: &Password) -> bool {
        BreachedList::contains(self, password)
    }
}

/// What building a filter did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Lines read, and the distinct passwords (digests) among them.
    pub lines: u64,
    pub keys: u64,
    /// The filter's size in bytes.
    pub bytes: u64,
    /// The largest shard, in keys (what bounds the memory used).
    pub largest_shard: u64,
}

/// What the lines of a filter's input are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// A line of 40 hex digits (optionally `:count` after it) is a SHA-1, any other a password.
    Auto,
    /// Every line is a password (a list that holds passwords which look like SHA-1 digests).
    Passwords,
    /// Every line is a SHA-1 in hex, as Have I Been Pwned publishes them; others are skipped.
    Sha1,
}

/// The digest a line stands for: 40 hex digits (a SHA-1, optionally followed by `:count`, as
/// Have I Been Pwned publishes them) or a password (normalised as Portcullis normalises one).
/// `None` for an empty line or a password over the hard bound.
fn line_digest(line: &str, format: InputFormat) -> Option<[u8; 20]> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        return None;
    }
    let hex = line.split_once(':').map_or(line, |(h, _)| h);
    let is_hex = hex.len() == 40 && hex.bytes().all(|c| c.is_ascii_hexdigit());
    if format == InputFormat::Sha1 && !is_hex {
        return None;
    }
    if is_hex && format != InputFormat::Passwords {
        let mut d = [0; 20];
        for (i, byte) in d.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        return Some(d);
    }
    Password::normalize(line).map(|p| digest(p.expose()))
}

/// Builds a filter from `input` (one password or SHA-1 per line) into `out`, spilling keys to
/// shard files in `scratch` (removed after). Lines that are not UTF-8 are read as Latin-1.
pub fn build(
    input: impl BufRead,
    format: InputFormat,
    out: &Path,
    scratch: &Path,
) -> anyhow::Result<BuildReport> {
    std::fs::create_dir_all(scratch)?;
    let shard_path = |i: usize| scratch.join(format!("shard-{i:03}.keys"));
    let mut writers = Vec::with_capacity(SHARDS);
    for i in 0..SHARDS {
        writers.push(BufWriter::with_capacity(16 * 1024, File::create(shard_path(i))?));
    }
    let mut lines = 0u64;
    let mut input = input;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        lines += 1;
        if raw.last() == Some(&b'\n') {
            raw.pop();
        }
        let line = match std::str::from_utf8(&raw) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => std::borrow::Cow::Owned(raw.iter().map(|&c| char::from(c)).collect()),
        };
        if let Some(d) = line_digest(&line, format) {
            let (shard, key) = split(&d);
            writers[shard].write_all(&key.to_le_bytes())?;
        }
    }
    for w in &mut writers {
        w.flush()?;
    }
    drop(writers);

    // The fingerprints go to a data file first; the header (which says where each shard's
    // are) is written before them at the end.
    let data_path = scratch.join("fingerprints.data");
    let mut data = BufWriter::new(File::create(&data_path)?);
    let mut entries = Vec::with_capacity(SHARDS);
    let (mut keys, mut largest) = (0u64, 0u64);
    let mut offset = (HEADER + SHARDS * ENTRY) as u64;
    for i in 0..SHARDS {
        let mut bytes = Vec::new();
        File::open(shard_path(i))?.read_to_end(&mut bytes)?;
        std::fs::remove_file(shard_path(i))?;
        let mut shard: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        drop(bytes);
        shard.sort_unstable();
        shard.dedup();
        keys += shard.len() as u64;
        largest = largest.max(shard.len() as u64);
        if shard.is_empty() {
            entries.push(Shard {
                seed: 0,
                segment_length: 0,
                segment_length_mask: 0,
                segment_count_length: 0,
                offset: 0,
                len: 0,
            });
            continue;
        }
        let filter = xorf::BinaryFuse16::try_from(&shard)
            .map_err(|e| anyhow::anyhow!("shard {i}: cannot build the filter: {e}"))?;
        drop(shard);
        // bincode 1's default layout: the seed (u64), the three u32 parameters, then the
        // fingerprints' count (u64) and the fingerprints, all little-endian.
        let encoded = bincode::serialize(&filter)?;
        drop(filter);
        if encoded.len() < 28 {
            bail!("shard {i}: unexpected encoding");
        }
        let count = u64_at(&encoded, 20);
        let fingerprints = &encoded[28..];
        if fingerprints.len() as u64 != 2 * count {
            bail!("shard {i}: unexpected encoding");
        }
        entries.push(Shard {
            seed: u64_at(&encoded, 0),
            segment_length: u32_at(&encoded, 8),
            segment_length_mask: u32_at(&encoded, 12),
            segment_count_length: u32_at(&encoded, 16),
            offset: usize::try_from(offset)?,
            len: usize::try_from(count)?,
        });
        data.write_all(fingerprints)?;
        offset += fingerprints.len() as u64;
    }
    data.flush()?;
    drop(data);

    let tmp_out = out.with_extension("partial");
    let mut w = BufWriter::new(File::create(&tmp_out)?);
    w.write_all(MAGIC)?;
    w.write_all(&(SHARDS as u32).to_le_bytes())?;
    w.write_all(&keys.to_le_bytes())?;
    w.write_all(&16u32.to_le_bytes())?;
    w.write_all(&[0; 8])?;
    for e in &entries {
        w.write_all(&e.seed.to_le_bytes())?;
        w.write_all(&e.segment_length.to_le_bytes())?;
        w.write_all(&e.segment_length_mask.to_le_bytes())?;
        w.write_all(&e.segment_count_length.to_le_bytes())?;
        w.write_all(&[0; 4])?;
        w.write_all(&(e.offset as u64).to_le_bytes())?;
        w.write_all(&(e.len as u64).to_le_bytes())?;
    }
    std::io::copy(&mut File::open(&data_path)?, &mut w)?;
    w.flush()?;
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    let bytes = file.stream_position()?;
    drop(file);
    std::fs::remove_file(&data_path)?;
    // Renamed into place: a server mapping the old file keeps reading the old one.
    std::fs::rename(&tmp_out, out)?;
    let _ = std::fs::remove_dir(scratch);
    Ok(BuildReport { lines, keys, bytes, largest_shard: largest })
}

/// A scratch folder for [`build`] next to `out`.
pub fn scratch_for(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.shards-{}", std::process::id()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use xorf::Filter as _;

    fn build_from(lines: &str) -> (tempfile::TempDir, BreachedList, BuildReport) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("list.pcbf");
        let report = build(lines.as_bytes(), InputFormat::Auto, &out, &scratch_for(&out)).unwrap();
        let list = BreachedList::open(&out).unwrap();
        (dir, list, report)
    }

    #[test]
    fn our_lookup_is_xorfs_lookup() {
        let keys: Vec<u64> = (0..50_000u64).map(|i| mix(i, 0x9e37_79b9)).collect();
        let filter = xorf::BinaryFuse16::try_from(&keys).unwrap();
        let encoded = bincode::serialize(&filter).unwrap();
        let shard = Shard {
            seed: u64_at(&encoded, 0),
            segment_length: u32_at(&encoded, 8),
            segment_length_mask: u32_at(&encoded, 12),
            segment_count_length: u32_at(&encoded, 16),
            offset: 28,
            len: usize::try_from(u64_at(&encoded, 20)).unwrap(),
        };
        let mut shards = vec![shard; SHARDS];
        shards[0] = shard;
        let list = BreachedList {
            bytes: Bytes::Static(Box::leak(encoded.into_boxed_slice())),
            shards,
            keys: keys.len() as u64,
            source: "test".into(),
        };
        for probe in (0..200_000u64).map(|i| mix(i, 7)).chain(keys.iter().copied()) {
            let mut d = [0u8; 20];
            d[1..9].copy_from_slice(&probe.to_be_bytes());
            assert_eq!(list.contains_digest(&d), filter.contains(&probe), "{probe}");
        }
    }

    #[test]
    fn a_built_list_holds_its_passwords_and_hashes_and_little_else() {
        let hibp = hex(&digest("from-a-hash-file-1"));
        let input = format!("correct-horse-1\ncorrect-horse-2\r\n\n{hibp}:42\ncorrect-horse-1\n");
        let (_dir, list, report) = build_from(&input);
        assert_eq!((report.lines, report.keys), (5, 3));
        for p in ["correct-horse-1", "correct-horse-2", "from-a-hash-file-1"] {
            assert!(list.contains(&Password::normalize(p).unwrap()), "{p}");
        }
        let misses = (0..20_000)
            .filter(|i| list.contains(&Password::normalize(&format!("x{i}y")).unwrap()))
            .count();
        assert!(misses < 10, "{misses} false positives in 20,000");
    }

    #[test]
    fn passwords_are_listed_in_their_normal_form() {
        let (_dir, list, _) = build_from("ｐａｓｓｗｏｒｄ１２３４５\n");
        assert!(list.contains(&Password::normalize("password12345").unwrap()));
    }

    #[test]
    fn a_file_that_is_not_a_filter_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        std::fs::write(&path, b"hello").unwrap();
        assert!(BreachedList::open(&path).unwrap_err().to_string().contains("not a breached"));
        let mut bad = BUILT_IN[..HEADER + SHARDS * ENTRY].to_vec();
        bad[HEADER + 32] = 0xff; // the first shard's count, far past the end
        std::fs::write(&path, &bad).unwrap();
        assert!(BreachedList::open(&path).is_err());
    }

    #[test]
    fn the_built_in_list_knows_common_breached_passwords() {
        let list = BreachedList::built_in().unwrap();
        assert!(list.len() > 4_000_000, "{}", list.len());
        for p in ["password1234", "iloveyou123", "qwertyuiop", "1q2w3e4r5t"] {
            assert!(list.contains(&Password::normalize(p).unwrap()), "{p}");
        }
        assert!(!list.contains(&Password::normalize("v8#Lq-2mZ!pR7wXd").unwrap()));
    }

    /// Every password of the corpus's sample (every 1,000th, written by the regenerating
    /// script) that the length rule lets through is refused by the default policy: by the
    /// common list or by the breached filter.
    #[test]
    fn the_default_policy_refuses_every_sampled_breached_password() {
        let list = std::sync::Arc::new(BreachedList::built_in().unwrap());
        let policy = crate::domain::PasswordPolicy {
            min_length: 8,
            min_length_with_second_factor: None,
            require_letter_and_digit: false,
            block_common: true,
            breached: crate::domain::Blocklist(Some(list.clone())),
        };
        let sample = include_str!("../../data/breached-passwords-sample.txt");
        let mut screened = 0;
        for line in sample.lines() {
            match policy.check(line) {
                Err(
                    crate::domain::PolicyError::TooShort(_) | crate::domain::PolicyError::Missing,
                ) => {}
                Err(_) => screened += 1,
                Ok(_) => panic!("{line:?} was accepted"),
            }
        }
        assert!(screened > 4_000, "{screened}");
    }

    /// Random strong passwords are accepted but about once in 65,536 (a collision in 16 bits).
    #[test]
    fn random_passwords_collide_at_the_expected_rate() {
        let list = BreachedList::built_in().unwrap();
        let n = 200_000;
        let hits = (0..n)
            .filter(|_| {
                let p: String = (0..16).map(|_| fastrand::alphanumeric()).collect();
                list.contains(&Password::normalize(&p).unwrap())
            })
            .count();
        // Expected about 3; fifteen is far out in the tail of that Poisson distribution.
        assert!(hits <= 15, "{hits} of {n}");
    }

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02X}")).collect()
    }
}
