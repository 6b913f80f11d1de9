//! File-system helpers that keep the "nothing is lost" promise: outputs are written to a
//! temporary file in the destination folder and renamed into place, existing files are
//! never replaced without an explicit `force`, and inputs are only ever read.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How an output file may be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace an existing file.
    pub force: bool,
    /// Unix permission bits for the new file (e.g. 0o600 for private keys).
    pub mode: u32,
}

impl WriteOptions {
    pub const PUBLIC: WriteOptions = WriteOptions { force: false, mode: 0o644 };
    pub const SECRET: WriteOptions = WriteOptions { force: false, mode: 0o600 };

    pub fn force(self, force: bool) -> WriteOptions {
        WriteOptions { force, ..self }
    }
}

/// Refuse early when `path` exists and `force` is not set, so that a multi-file
/// command can check every output before writing any of them.
pub fn check_writable(path: &Path, force: bool) -> Result<()> {
    if !force && path.symlink_metadata().is_ok() {
        return Err(Error::OutputExists { path: path.to_path_buf() });
    }
    Ok(())
}

/// Write `bytes` to `path` atomically: temp file in the same folder, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8], opts: WriteOptions) -> Result<()> {
    write_atomic_parts(path, &[bytes], opts)
}

/// Like [`write_atomic`], for output made of several parts (e.g. a memory-mapped input
/// followed by an appended PDF revision): nothing is concatenated in memory.
pub fn write_atomic_parts(path: &Path, parts: &[&[u8]], opts: WriteOptions) -> Result<()> {
    // The parts are large slices already: written as they are, without a copy through a
    // buffer (a 1 MB buffer per file was a page-faulted allocation per batch document).
    atomically(path, opts, |file| parts.iter().try_for_each(|p| file.write_all(p)))
}

/// Copy `from` to `to` atomically, streaming (any size, empty files included).
pub fn copy_atomic(from: &Path, to: &Path, opts: WriteOptions) -> Result<()> {
    let mut src = fs::File::open(from).map_err(|source| Error::Read { path: from.to_path_buf(), source })?;
    atomically(to, opts, |file| std::io::copy(&mut src, file).map(|_| ()))
}

thread_local! {
    static DEFER_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f` with this thread's atomic writes left unsynced (still temp + rename): the caller
/// syncs them itself before it reports them written — a batch syncs its output tree once
/// per window instead of once per file (see `batch::run`).
pub fn with_deferred_sync<R>(f: impl FnOnce() -> R) -> R {
    let before = DEFER_SYNC.with(|d| d.replace(true));
    let r = f();
    DEFER_SYNC.with(|d| d.set(before));
    r
}

/// Make everything written under `dir` durable: `syncfs` of its file system on Linux (one
/// journal commit however many files), else an fsync of each of `files` and of their folders.
pub fn sync_tree(dir: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = files;
        let d = fs::File::open(dir)?;
        // SAFETY: syncfs takes an open descriptor, which `d` owns for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        let mut dirs = std::collections::BTreeSet::new();
        for f in files {
            fs::File::open(f)?.sync_all()?;
            dirs.insert(parent_dir(f));
        }
        for d in dirs {
            // Folders cannot be opened for syncing on every platform: best effort there.
            if let Ok(d) = fs::File::open(&d) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// The one mechanism behind every output: refuse an existing file unless `force`, write
/// a temporary file in the destination folder with `fill`, fsync it (unless the caller
/// defers syncing: [`with_deferred_sync`]), rename it into place
/// (never replacing a file that appeared meanwhile without `force`). On any error the
/// temporary file is removed, so a failed write leaves nothing behind.
fn atomically(path: &Path, opts: WriteOptions, fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>) -> Result<()> {
    check_writable(path, opts.force)?;
    let wrap = |source| Error::Write { path: path.to_path_buf(), source };
    let mut tmp = temp_builder(opts.mode).tempfile_in(parent_dir(path)).map_err(wrap)?;
    fill(tmp.as_file_mut()).map_err(wrap)?;
    if !DEFER_SYNC.with(|d| d.get()) {
        tmp.as_file().sync_all().map_err(wrap)?;
    }
    let persisted = if opts.force { tmp.persist(path).map(|_| ()) } else { tmp.persist_noclobber(path).map(|_| ()) };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::OutputExists { path: path.to_path_buf() }
        } else {
            wrap(e.error)
        }
    })
}

/// An input file's bytes: memory-mapped when large, read into memory when small.
pub enum Input {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for Input {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Read(v) => v,
        }
    }
}

/// Below this size a file is read rather than mapped: for the one-page documents of a
/// batch, `read` costs less than `mmap` + page faults + `munmap` (which, in a process with
/// worker threads, also flushes the other cores' TLBs), as ripgrep decides too.
const MAP_THRESHOLD: u64 = 256 * 1024;

/// Open a file for reading (inputs are never written): mapped when large, read when small.
pub fn map(path: &Path) -> Result<Input> {
    let err = |source| Error::Read { path: path.to_path_buf(), source };
    let mut file = fs::File::open(path).map_err(err)?;
    let len = file.metadata().map_err(err)?.len();
    if len < MAP_THRESHOLD {
        use std::io::Read;
        let mut v = Vec::with_capacity(len as usize);
        file.read_to_end(&mut v).map_err(err)?;
        return Ok(Input::Read(v));
    }
    // SAFETY: the map is read-only; kyso never writes its inputs. A concurrent writer
    // truncating the file could fault, as with any memory-mapped reader (ripgrep, etc.).
    unsafe { memmap2::Mmap::map(&file) }.map(Input::Mapped).map_err(err)
}

/// Read a whole (small) file: keys, certificates, CRLs, password files.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The temporary file is created with the output's permission bits (filtered by the
/// umask, as `cp` and `openssl` do), not created private and changed afterwards.
fn temp_builder(mode: u32) -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(".kyso-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    b
}

/// `PREFIX` + `suffix` as a path (`out/root` + `.crt` → `out/root.crt`).
pub fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_existing_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one", WriteOptions::PUBLIC).unwrap();
        let err = write_atomic(&p, b"two", WriteOptions::PUBLIC).unwrap_err();
        assert!(matches!(err, Error::OutputExists { .. }));
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", WriteOptions::PUBLIC.force(true)).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        // no temp files left behind
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn secret_mode_is_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.key");
        write_atomic(&p, b"secret", WriteOptions::SECRET).unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
