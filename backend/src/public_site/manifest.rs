//! The trust layer of the public site: `manifest.json` lists the SHA-256 of every file of a
//! generation, a snapshot of what the data were, and the SHA-256 of the manifest before it.
//! Earlier manifests are kept in `manifests/<sequence>.json` (and are themselves files of the
//! site, so hashed too), so anyone holding the folder, or a copy of one manifest's hash, can
//! check that no page was changed after publication and that no generation was dropped.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MANIFEST_FILE: &str = "manifest.json";
/// Earlier manifests, kept so the chain can be checked.
pub const HISTORY_DIR: &str = "manifests";

/// What the data were when the site was generated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub generated_at: i64,
    pub latest_publication_at: Option<i64>,
    pub published_reports: i64,
    pub factories_named: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// 1 for the first generation written into a folder, then one more each time.
    pub sequence: i64,
    pub snapshot: Snapshot,
    /// The SHA-256 of the previous manifest's bytes; empty for the first.
    pub previous_sha256: String,
    /// Relative path (with `/`) to the SHA-256 of the file, sorted by path.
    pub files: BTreeMap<String, String>,
}

/// The manifest a new generation follows: `sequence` 0 and an empty hash when there is none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Previous {
    pub sequence: i64,
    pub sha256: String,
}

impl Previous {
    pub fn is_first(&self) -> bool {
        self.sequence == 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path} is not a manifest: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// Clearing a folder that was never a site could delete someone's files.
    #[error(
        "{0} holds files but no {MANIFEST_FILE} or {HISTORY_DIR}/ folder: refusing to clear a \
         folder that is not a public site"
    )]
    NotASite(PathBuf),
    #[error("{0} has a name that is not UTF-8")]
    NonUtf8Path(PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Listed in the manifest but absent.
    Missing,
    /// Present with another hash than the manifest lists.
    Changed,
    /// Present but not listed.
    Unlisted,
    /// An earlier manifest is absent, altered or out of sequence.
    ChainBroken,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub what: ProblemKind,
}

/// The result of checking a folder; empty `problems` means everything verified.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The sequence of the current manifest.
    pub sequence: i64,
    pub files_checked: usize,
    pub problems: Vec<Problem>,
}

impl Verification {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, path: impl Into<String>, what: ProblemKind) {
        self.problems.push(Problem {
            path: path.into(),
            what,
        });
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "manifest {}: {} files, {} problems",
            self.sequence,
            self.files_checked,
            self.problems.len()
        )?;
        for problem in &self.problems {
            let what = match problem.what {
                ProblemKind::Missing => "missing",
                ProblemKind::Changed => "changed",
                ProblemKind::Unlisted => "unlisted",
                ProblemKind::ChainBroken => "chain broken",
            };
            write!(f, "\n  {what}: {}", problem.path)?;
        }
        Ok(())
    }
}

/// Before writing a new generation: keeps the current manifest (if any) as
/// `DIR/manifests/<sequence>.json`, then removes everything else in DIR except the manifests
/// folder, so files of the previous generation never linger. Creates DIR if missing.
///
/// A generation interrupted after `prepare` leaves no `manifest.json`; the next one then
/// follows the newest archived manifest, so the chain stays whole.
pub fn prepare(dir: &Path) -> Result<Previous, ManifestError> {
    create_dir_all(dir)?;
    let current = dir.join(MANIFEST_FILE);
    let history = dir.join(HISTORY_DIR);
    if !current.exists() && !history.is_dir() && !is_empty_dir(dir)? {
        return Err(ManifestError::NotASite(dir.to_owned()));
    }
    create_dir_all(&history)?;

    let previous = if current.exists() {
        let bytes = read(&current)?;
        let manifest = parse(&current, &bytes)?;
        let archived = history.join(format!("{}.json", manifest.sequence));
        write_atomically(&archived, &bytes)?;
        Previous {
            sequence: manifest.sequence,
            sha256: sha256_hex(&bytes),
        }
    } else {
        match archived_sequences(&history)?.last() {
            Some(&sequence) => {
                let path = history.join(format!("{sequence}.json"));
                let bytes = read(&path)?;
                Previous {
                    sequence: parse(&path, &bytes)?.sequence,
                    sha256: sha256_hex(&bytes),
                }
            }
            None => Previous::default(),
        }
    };

    for entry in read_dir(dir)? {
        let path = entry.path();
        if path == history {
            continue;
        }
        let removed = if entry
            .file_type()
            .map_err(|source| io_error(&path, source))?
            .is_dir()
        {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|source| io_error(&path, source))?;
    }
    Ok(previous)
}

/// After the site files are written: hashes every file under DIR (including
/// `DIR/manifests/*`, excluding `DIR/manifest.json`) and writes `DIR/manifest.json`.
pub fn finish(
    dir: &Path,
    previous: Previous,
    snapshot: Snapshot,
) -> Result<Manifest, ManifestError> {
    let manifest = Manifest {
        sequence: previous.sequence + 1,
        snapshot,
        previous_sha256: previous.sha256,
        files: hash_files(dir)?,
    };
    let mut json = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
    json.push('\n');
    write_atomically(&dir.join(MANIFEST_FILE), json.as_bytes())?;
    Ok(manifest)
}

/// Checks DIR against its manifest: every listed file exists with its hash, no unlisted file
/// exists (except `manifest.json`), and the chain: each `manifests/<n>.json` hashes to the
/// `previous_sha256` of manifest n+1 (and the newest archived one to the current manifest's),
/// with sequences contiguous from 1.
///
/// An unreadable or unparsable `manifest.json` is an error: there is nothing to check against.
pub fn verify(dir: &Path) -> Result<Verification, ManifestError> {
    let current_path = dir.join(MANIFEST_FILE);
    let current_bytes = read(&current_path)?;
    let current = parse(&current_path, &current_bytes)?;
    let mut verification = Verification {
        sequence: current.sequence,
        files_checked: current.files.len(),
        problems: Vec::new(),
    };

    let actual = hash_files(dir)?;
    for (path, listed) in &current.files {
        match actual.get(path) {
            None => verification.problem(path, ProblemKind::Missing),
            Some(found) if found != listed => verification.problem(path, ProblemKind::Changed),
            Some(_) => {}
        }
    }
    for path in actual.keys() {
        if !current.files.contains_key(path) {
            verification.problem(path, ProblemKind::Unlisted);
        }
    }

    // Walk back from the current manifest: manifest n+1 names the hash of manifest n.
    if current.sequence < 1 {
        verification.problem(MANIFEST_FILE, ProblemKind::ChainBroken);
        return Ok(verification);
    }
    let mut expected_sha256 = current.previous_sha256.clone();
    for sequence in (1..current.sequence).rev() {
        let relative = format!("{HISTORY_DIR}/{sequence}.json");
        let path = dir.join(&relative);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                verification.problem(relative, ProblemKind::ChainBroken);
                return Ok(verification);
            }
            Err(source) => return Err(io_error(&path, source)),
        };
        let linked = sha256_hex(&bytes) == expected_sha256;
        match serde_json::from_slice::<Manifest>(&bytes) {
            Ok(archived) if linked && archived.sequence == sequence => {
                expected_sha256 = archived.previous_sha256;
            }
            _ => {
                verification.problem(relative, ProblemKind::ChainBroken);
                return Ok(verification);
            }
        }
    }
    if !expected_sha256.is_empty() {
        // The first manifest claims a predecessor: generations before it were removed.
        let first = if current.sequence == 1 {
            MANIFEST_FILE.to_owned()
        } else {
            format!("{HISTORY_DIR}/1.json")
        };
        verification.problem(first, ProblemKind::ChainBroken);
    }
    Ok(verification)
}

/// The hex SHA-256 of `bytes`: the form the manifest lists and the chain links.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Every file under `dir` but the current manifest, by relative `/` path.
fn hash_files(dir: &Path) -> Result<BTreeMap<String, String>, ManifestError> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in read_dir(&folder)? {
            let path = entry.path();
            if entry
                .file_type()
                .map_err(|source| io_error(&path, source))?
                .is_dir()
            {
                folders.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).expect("walked from dir");
            let mut parts = Vec::new();
            for part in relative.components() {
                let name = part.as_os_str().to_str();
                parts.push(name.ok_or_else(|| ManifestError::NonUtf8Path(path.clone()))?);
            }
            let relative = parts.join("/");
            if relative == MANIFEST_FILE {
                continue;
            }
            files.insert(relative, hash_file(&path)?);
        }
    }
    Ok(files)
}

fn hash_file(path: &Path) -> Result<String, ManifestError> {
    let mut file = std::fs::File::open(path).map_err(|source| io_error(path, source))?;
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher).map_err(|source| io_error(path, source))?;
    Ok(hex::encode(hasher.finalize()))
}

/// The sequences of `manifests/<n>.json`, ascending; other names are ignored here (they are
/// still files of the site, so `verify` reports them if unlisted).
fn archived_sequences(history: &Path) -> Result<Vec<i64>, ManifestError> {
    let mut sequences: Vec<i64> = read_dir(history)?
        .into_iter()
        .filter_map(|entry| {
            let name = entry.file_name();
            name.to_str()?.strip_suffix(".json")?.parse().ok()
        })
        .collect();
    sequences.sort_unstable();
    Ok(sequences)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Manifest, ManifestError> {
    serde_json::from_slice(bytes).map_err(|source| ManifestError::Json {
        path: path.to_owned(),
        source,
    })
}

/// A reader never sees half a manifest: write beside it, then rename over it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ManifestError> {
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, bytes).map_err(|source| io_error(&partial, source))?;
    std::fs::rename(&partial, path).map_err(|source| io_error(path, source))
}

fn is_empty_dir(dir: &Path) -> Result<bool, ManifestError> {
    Ok(read_dir(dir)?.is_empty())
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, ManifestError> {
    std::fs::read_dir(dir)
        .and_then(|entries| entries.collect::<Result<Vec<_>, _>>())
        .map_err(|source| io_error(dir, source))
}

fn read(path: &Path) -> Result<Vec<u8>, ManifestError> {
    std::fs::read(path).map_err(|source| io_error(path, source))
}

fn create_dir_all(dir: &Path) -> Result<(), ManifestError> {
    std::fs::create_dir_all(dir).map_err(|source| io_error(dir, source))
}

fn io_error(path: &Path, source: io::Error) -> ManifestError {
    ManifestError::Io {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder under the system's temporary folder, removed when dropped.
    struct TempSite(PathBuf);

    impl TempSite {
        fn new(name: &str) -> TempSite {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "ims-manifest-{name}-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&path);
            TempSite(path)
        }

        fn put(&self, path: &str, contents: &str) {
            let file = self.0.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, contents).unwrap();
        }

        /// One generation, as `public_site::write` does it.
        fn generate(&self, pages: &[(&str, &str)], generated_at: i64) -> Manifest {
            let previous = prepare(&self.0).unwrap();
            for (path, contents) in pages {
                self.put(path, contents);
            }
            finish(&self.0, previous, snapshot(generated_at)).unwrap()
        }

        fn problems(&self) -> Vec<(String, ProblemKind)> {
            verify(&self.0)
                .unwrap()
                .problems
                .into_iter()
                .map(|problem| (problem.path, problem.what))
                .collect()
        }
    }

    impl Drop for TempSite {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn snapshot(generated_at: i64) -> Snapshot {
        Snapshot {
            generated_at,
            latest_publication_at: Some(generated_at - 60),
            published_reports: 3,
            factories_named: 2,
        }
    }

    const PAGES: &[(&str, &str)] = &[
        ("index.html", "<p>home</p>"),
        ("en/index.html", "<p>en</p>"),
    ];

    /// Three generations, so the chain has two archived links.
    fn three_generations(site: &TempSite) -> Manifest {
        site.generate(PAGES, 1_000);
        site.generate(PAGES, 2_000);
        site.generate(PAGES, 3_000)
    }

    #[test]
    fn generations_chain_and_verify() {
        let site = TempSite::new("chain");

        let first = site.generate(PAGES, 1_000);
        let first_bytes = std::fs::read(site.0.join(MANIFEST_FILE)).unwrap();
        let second = site.generate(PAGES, 2_000);

        assert_eq!((first.sequence, second.sequence), (1, 2));
        assert_eq!(first.previous_sha256, "");
        assert_eq!(second.previous_sha256, sha256_hex(&first_bytes));
        assert_eq!(
            std::fs::read(site.0.join("manifests/1.json")).unwrap(),
            first_bytes,
            "the archived manifest is byte for byte the one that was current"
        );
        let paths: Vec<&str> = second.files.keys().map(String::as_str).collect();
        assert_eq!(paths, ["en/index.html", "index.html", "manifests/1.json"]);
        assert_eq!(second.files["index.html"], sha256_hex(b"<p>home</p>"));
        let written: Manifest =
            serde_json::from_slice(&std::fs::read(site.0.join(MANIFEST_FILE)).unwrap()).unwrap();
        assert_eq!(written, second);
        assert_eq!(written.snapshot, snapshot(2_000));
        let verification = verify(&site.0).unwrap();
        assert!(verification.is_ok(), "{verification}");
        assert_eq!(verification.sequence, 2);
    }

    #[test]
    fn a_changed_file_fails() {
        let site = TempSite::new("changed");
        three_generations(&site);

        site.put("en/index.html", "<p>edited</p>");

        assert_eq!(
            site.problems(),
            [("en/index.html".to_owned(), ProblemKind::Changed)]
        );
    }

    #[test]
    fn an_extra_or_a_missing_file_fails() {
        let site = TempSite::new("extra");
        three_generations(&site);

        site.put("km/index.html", "<p>added later</p>");
        std::fs::remove_file(site.0.join("index.html")).unwrap();

        assert_eq!(
            site.problems(),
            [
                ("index.html".to_owned(), ProblemKind::Missing),
                ("km/index.html".to_owned(), ProblemKind::Unlisted),
            ]
        );
    }

    #[test]
    fn a_deleted_archived_manifest_breaks_the_chain() {
        let site = TempSite::new("deleted");
        three_generations(&site);

        std::fs::remove_file(site.0.join("manifests/1.json")).unwrap();

        let problems = site.problems();
        assert!(problems.contains(&("manifests/1.json".to_owned(), ProblemKind::ChainBroken)));
        assert!(problems.contains(&("manifests/1.json".to_owned(), ProblemKind::Missing)));
    }

    #[test]
    fn a_rewritten_archived_manifest_breaks_the_chain_even_when_relisted() {
        // Editing an old manifest and regenerating the current one's file list hides the edit
        // from the file check; only the chain can catch it.
        let site = TempSite::new("rewritten");
        let current = three_generations(&site);
        let archived = site.0.join("manifests/1.json");
        let mut old: Manifest = serde_json::from_slice(&std::fs::read(&archived).unwrap()).unwrap();
        old.snapshot.published_reports = 99;
        let edited = serde_json::to_string_pretty(&old).unwrap();
        std::fs::write(&archived, &edited).unwrap();
        let mut relisted = current.clone();
        relisted
            .files
            .insert("manifests/1.json".to_owned(), sha256_hex(edited.as_bytes()));
        std::fs::write(
            site.0.join(MANIFEST_FILE),
            serde_json::to_string_pretty(&relisted).unwrap(),
        )
        .unwrap();

        assert_eq!(
            site.problems(),
            [("manifests/1.json".to_owned(), ProblemKind::ChainBroken)]
        );
    }

    #[test]
    fn prepare_removes_the_previous_generation_but_keeps_the_history() {
        let site = TempSite::new("stale");
        site.generate(
            &[("index.html", "home"), ("en/factories/7.html", "factory 7")],
            1_000,
        );

        let previous = prepare(&site.0).unwrap();

        assert_eq!(previous.sequence, 1);
        assert!(!site.0.join("en").exists(), "a stale page lingered");
        assert!(!site.0.join("index.html").exists());
        assert!(!site.0.join(MANIFEST_FILE).exists());
        assert!(site.0.join("manifests/1.json").exists());
        // The next generation no longer has the factory page and still verifies.
        site.put("index.html", "home");
        let second = finish(&site.0, previous, snapshot(2_000)).unwrap();
        assert!(!second.files.contains_key("en/factories/7.html"));
        assert!(verify(&site.0).unwrap().is_ok());
    }

    #[test]
    fn an_interrupted_generation_still_continues_the_chain() {
        let site = TempSite::new("interrupted");
        site.generate(PAGES, 1_000);
        prepare(&site.0).unwrap(); // and then the writer stopped

        let next = site.generate(PAGES, 2_000);

        assert_eq!(next.sequence, 2);
        assert!(verify(&site.0).unwrap().is_ok());
    }

    #[test]
    fn prepare_refuses_to_clear_a_folder_that_is_not_a_site() {
        let site = TempSite::new("foreign");
        site.put("notes.txt", "someone's file");

        assert!(matches!(prepare(&site.0), Err(ManifestError::NotASite(_))));
        assert!(site.0.join("notes.txt").exists());
        // A missing folder is created.
        let fresh = TempSite::new("fresh");
        assert!(prepare(&fresh.0).unwrap().is_first());
        assert!(fresh.0.join(HISTORY_DIR).is_dir());
    }
}
