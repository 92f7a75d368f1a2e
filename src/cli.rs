//! The command line, with clap: `quire [PATH]...` opens the reader; the
//! subcommands print documents and bookmarks for scripts.

use crate::format::Format;
use crate::sort::SortOrder;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal reader for articles: browse, filter, read and bookmark passages.
#[derive(Debug, Parser)]
#[command(
    name = "quire",
    version,
    about,
    after_help = "With no PATH, quire opens its bundled articles.\n\nExamples:\n  quire                        read the bundled articles\n  quire ~/articles             read every .txt/.md file under a folder\n  curl -s URL | quire -        read standard input\n  quire --at 3f2a9c01b7e4      open at a bookmark\n  quire list --json            one JSON object per document\n  quire bookmarks export       bookmarks as Markdown\n  quire config --init          write the default config.toml\n\nSettings are read from config.toml and bookmarks kept in the config\ndirectory ($QUIRE_CONFIG_DIR overrides it; `quire config --path` shows it).\nNO_COLOR set to anything turns colours off.\nExit codes: 0 success, 2 usage, input or config error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to read (folders are searched recursively for
    /// .txt, .text, .md, .markdown, .html, .htm, .rst, .adoc and .asciidoc
    /// files, files with no ending such as README and NEWS, and any of
    /// these gzipped, as NEWS.gz; binary files are passed over); `-` reads
    /// standard input.
    pub paths: Vec<String>,

    /// Open at this bookmark (an id from `quire bookmarks list`, or the
    /// start of one); without PATH, its document is opened.
    #[arg(long, value_name = "BOOKMARK_ID")]
    pub at: Option<String>,

    #[command(flatten)]
    pub format: InputFormat,

    /// Read settings from this file instead of config.toml in the config
    /// directory (it must exist).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// Checks what clap cannot: `--at` belongs to the reader, not to a
    /// subcommand. (clap's `args_conflicts_with_subcommands` would do it, but
    /// would also refuse the global `--config` before a subcommand.)
    pub fn validate(&self) -> Result<(), clap::Error> {
        use clap::CommandFactory;
        if self.at.is_some() && self.command.is_some() {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "--at opens the reader and cannot be used with a subcommand (use `quire open --at ID`)",
            ));
        }
        Ok(())
    }
}

/// `--format`, for the commands that read documents.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct InputFormat {
    /// Read every input named (and every file in a named folder) as this
    /// format, whatever its name ends with. Without it, the ending
    /// decides, and standard input and files with no ending are told
    /// from their start.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one line per document: title, word count, path (tab-separated).
    #[command(after_help = "Examples:\n  quire list\n  quire list ~/articles --json | jq .title")]
    List {
        /// Files or folders; the bundled articles when none are given.
        paths: Vec<String>,
        /// Print one JSON object per line (title, path, words, passages,
        /// minutes, author, date, site, url).
        #[arg(long)]
        json: bool,
        /// The order: path (as folders are read), title, date (newest
        /// first), words (longest first) or read (most recently read first).
        #[arg(long, value_enum, default_value_t = SortOrder::Path)]
        sort: SortOrder,
        #[command(flatten)]
        format: InputFormat,
    },
    /// Print documents as quire reads them: title, byline and the
    /// article's passages (wrapped at the reading measure on a terminal,
    /// one paragraph a line when piped).
    #[command(
        after_help = "Page furniture (menus, related links, comments) is left out; --all prints it too.\n\nExit codes: 0 success, 2 when an input could not be read.\n\nExamples:\n  quire show saved-page.html | less\n  quire show --all ~/articles\n  quire show notes/ --json | jq .url"
    )]
    Show {
        /// Files or folders (`-` for standard input); the bundled articles
        /// when none are given.
        paths: Vec<String>,
        /// Include the page furniture: the whole page.
        #[arg(long)]
        all: bool,
        /// Print one JSON object per line (path, title, author, date, site, url, words, text).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        format: InputFormat,
    },
    /// Search the articles without the interface: one line per matching
    /// document, best first, as `path:LINE: title — snippet`.
    #[command(
        after_help = "Query syntax: every word must match the title (fuzzily) or the text (as a word or\nword prefix); \"two words\" matches a phrase; -word excludes; an uppercase letter\nmakes that word case-sensitive; Chinese, Japanese and Korean match as substrings.\n\nExit codes: 0 results found, 1 no results, 2 error (like grep).\n\nExamples:\n  quire search alipay\n  quire search '\"red envelope\" -alipay' ~/articles --limit 5\n  quire search wechat --json | jq .path"
    )]
    Search {
        /// The query (quote it in the shell when it has spaces).
        query: String,
        /// Files or folders; the bundled articles when none are given.
        paths: Vec<String>,
        /// Print at most this many results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print one JSON object per line (path, title, line, score, snippet, passages).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        format: InputFormat,
    },
    /// Open the reader, like `quire [PATH]...`.
    #[command(
        after_help = "Examples:\n  quire open notes/ --at 3f2a9c01b7e4\n  quire open --at 3f2a"
    )]
    Open {
        /// Files or folders; the bookmark's document (or the bundled
        /// articles) when none are given.
        paths: Vec<String>,
        /// Open at this bookmark (an id from `quire bookmarks list`).
        #[arg(long, value_name = "BOOKMARK_ID")]
        at: Option<String>,
        #[command(flatten)]
        format: InputFormat,
    },
    /// List or export bookmarks.
    #[command(
        after_help = "Examples:\n  quire bookmarks list\n  quire bookmarks export > bookmarks.md"
    )]
    Bookmarks {
        #[command(subcommand)]
        action: BookmarksCommand,
    },
    /// Print or write the default config file, or say where quire reads it.
    #[command(
        after_help = "Examples:\n  quire config --init                 start a config from the defaults\n  quire config --default > my.toml    print the defaults\n  quire config --path\n  quire --config ~/quire-light.toml config --path"
    )]
    Config {
        /// Print the complete default config, with a comment on every setting.
        #[arg(
            long,
            conflicts_with_all = ["path", "init"],
            required_unless_present_any = ["path", "init"]
        )]
        default: bool,
        /// Print the path of the config file quire reads.
        #[arg(long, conflicts_with = "init")]
        path: bool,
        /// Write the default config where quire reads it, making its folder;
        /// an existing file is never overwritten.
        #[arg(long)]
        init: bool,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  quire completions bash > ~/.local/share/bash-completion/completions/quire\n  quire completions zsh > ~/.zfunc/_quire\n  quire completions fish > ~/.config/fish/completions/quire.fish"
    )]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions.
    #[command(
        after_help = "Examples:\n  quire man | man -l -\n  quire man > ~/.local/share/man/man1/quire.1"
    )]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// One line per bookmark: id, title, path, quote, note, status
    /// (`anchored`, or `orphan` when its passage is no longer found).
    #[command(
        after_help = "Examples:\n  quire bookmarks list\n  quire bookmarks list --json | jq 'select(.status == \"orphan\")'"
    )]
    List {
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Print the bookmarks to standard output, grouped by document.
    #[command(
        after_help = "Examples:\n  quire bookmarks export > bookmarks.md\n  quire bookmarks export --format obsidian --since 2026-11-01 > Vault/quire.md\n  quire bookmarks export --document notes/essay.md\n  quire bookmarks export --format json > annotations.jsonld"
    )]
    Export {
        /// markdown: CommonMark for notes apps, a section per document;
        /// obsidian: the same with YAML front matter and a block id per
        /// quote; json: a W3C Web Annotation AnnotationCollection.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Only the bookmarks of the document read from this file.
        #[arg(long, value_name = "PATH")]
        document: Option<String>,
        /// Only bookmarks made on or after this day (YYYY-MM-DD) or time
        /// (RFC 3339, e.g. 2026-11-22T08:00:00Z).
        #[arg(long, value_name = "DATE", value_parser = parse_since)]
        since: Option<u64>,
    },
    /// Add bookmarks from a JSON export (quire's, or W3C Web Annotations
    /// from another tool), anchoring each quote in the documents it names
    /// or in the given files and folders; says which it could not place.
    #[command(
        after_help = "Examples:\n  quire bookmarks import annotations.jsonld\n  quire bookmarks import annotations.jsonld ~/articles"
    )]
    Import {
        /// The JSON file (`-` for standard input).
        file: String,
        /// Files or folders to look for the quoted documents in, besides
        /// the documents the annotations name.
        paths: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Obsidian,
    Json,
}

/// `--since`: a day or an RFC 3339 time, as milliseconds since the epoch.
fn parse_since(text: &str) -> Result<u64, String> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    let time = humantime::parse_rfc3339_weak(&full)
        .map_err(|e| format!("{e}: give a day as YYYY-MM-DD or a time as 2026-11-22T08:00:00Z"))?;
    Ok(crate::bookmarks::millis(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_help_names_every_ending_a_folder_walk_opens() {
        let help = Cli::command().render_long_help().to_string();
        for ending in crate::corpus::TEXT_EXTENSIONS {
            assert!(
                help.contains(&format!(".{ending},")) || help.contains(&format!(".{ending} ")),
                "{ending}: {help}"
            );
        }
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["quire", "a.txt", "-"]).unwrap();
        assert_eq!(cli.paths, vec!["a.txt", "-"]);
        assert!(cli.command.is_none());
        let cli = Cli::try_parse_from(["quire", "list", "--json", "dir"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::List { json: true, ref paths, .. }) if paths == &["dir"])
        );
        assert!(Cli::try_parse_from(["quire", "--bogus"]).is_err());
    }

    #[test]
    fn every_subcommand_has_examples() {
        fn check(cmd: &clap::Command, name: &str) {
            let help = cmd
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(help.contains("Examples:"), "{name} has no examples");
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{name} {}", sub.get_name()));
            }
        }
        check(&Cli::command(), "quire");
    }

    #[test]
    fn config_commands_parse() {
        let cli = Cli::try_parse_from(["quire", "config", "--default"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Config {
                default: true,
                path: false,
                init: false
            })
        ));
        let cli = Cli::try_parse_from(["quire", "config", "--init"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Config { init: true, .. })
        ));
        assert!(Cli::try_parse_from(["quire", "config", "--init", "--default"]).is_err());
        let cli = Cli::try_parse_from(["quire", "--config", "x.toml", "config", "--path"]).unwrap();
        assert_eq!(cli.config.as_deref(), Some(std::path::Path::new("x.toml")));
        let cli = Cli::try_parse_from(["quire", "list", "--config", "x.toml"]).unwrap();
        assert!(cli.config.is_some());
        assert!(Cli::try_parse_from(["quire", "config"]).is_err());
        assert!(Cli::try_parse_from(["quire", "config", "--default", "--path"]).is_err());
        assert!(Cli::try_parse_from(["quire", "completions", "fish"]).is_ok());
        assert!(Cli::try_parse_from(["quire", "completions", "tcsh"]).is_err());
        let at_and_list = Cli::try_parse_from(["quire", "--at", "x", "list"]).unwrap();
        assert!(at_and_list.validate().is_err());
    }

    #[test]
    fn bookmark_commands_parse() {
        let cli =
            Cli::try_parse_from(["quire", "bookmarks", "export", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Bookmarks {
                action: BookmarksCommand::Export {
                    format: ExportFormat::Json,
                    ..
                }
            })
        ));
        let cli = Cli::try_parse_from(["quire", "open", "x.md", "--at", "abc"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Open { ref at, .. }) if at.as_deref() == Some("abc"))
        );
        let cli = Cli::try_parse_from(["quire", "--at", "abc"]).unwrap();
        assert_eq!(cli.at.as_deref(), Some("abc"));
        assert!(Cli::try_parse_from(["quire", "bookmarks", "export", "--format", "pdf"]).is_err());
        let cli =
            Cli::try_parse_from(["quire", "bookmarks", "export", "--since", "2026-11-22"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Bookmarks {
                action: BookmarksCommand::Export {
                    since: Some(1_795_305_600_000),
                    ..
                }
            })
        ));
        assert!(
            Cli::try_parse_from(["quire", "bookmarks", "export", "--since", "yesterday"]).is_err()
        );
    }
}
