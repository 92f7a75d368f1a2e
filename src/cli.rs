//! The command line, with clap: `quire [PATH]...` opens the reader; the
//! subcommands print documents and bookmarks for scripts.

use clap::{Parser, Subcommand, ValueEnum};

/// A terminal reader for articles: browse, filter, read and bookmark passages.
#[derive(Debug, Parser)]
#[command(
    name = "quire",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "With no PATH, quire opens its bundled articles.\n\nExamples:\n  quire                        read the bundled articles\n  quire ~/articles             read every .txt/.md file under a folder\n  curl -s URL | quire -        read standard input\n  quire --at 3f2a9c01b7e4      open at a bookmark\n  quire list --json            one JSON object per document\n  quire bookmarks export       bookmarks as Markdown\n\nBookmarks are kept in the config directory ($QUIRE_CONFIG_DIR overrides it).\nExit codes: 0 success, 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to read (folders are searched recursively for
    /// .txt, .text, .md and .markdown files); `-` reads standard input.
    pub paths: Vec<String>,

    /// Open at this bookmark (an id from `quire bookmarks list`, or the
    /// start of one); without PATH, its document is opened.
    #[arg(long, value_name = "BOOKMARK_ID")]
    pub at: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one line per document: title, word count, path (tab-separated).
    #[command(after_help = "Examples:\n  quire list\n  quire list ~/articles --json | jq .title")]
    List {
        /// Files or folders; the bundled articles when none are given.
        paths: Vec<String>,
        /// Print one JSON object per line (title, path, words, passages, minutes).
        #[arg(long)]
        json: bool,
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
    },
    /// List or export bookmarks.
    Bookmarks {
        #[command(subcommand)]
        action: BookmarksCommand,
    },
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
    /// Print every bookmark to standard output.
    #[command(
        after_help = "Examples:\n  quire bookmarks export > bookmarks.md\n  quire bookmarks export --format json > annotations.jsonld"
    )]
    Export {
        /// markdown: quotes grouped by document, with notes; json: a W3C Web
        /// Annotation AnnotationCollection.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
            matches!(cli.command, Some(Command::List { json: true, ref paths }) if paths == &["dir"])
        );
        assert!(Cli::try_parse_from(["quire", "--bogus"]).is_err());
    }

    #[test]
    fn bookmark_commands_parse() {
        let cli =
            Cli::try_parse_from(["quire", "bookmarks", "export", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Bookmarks {
                action: BookmarksCommand::Export {
                    format: ExportFormat::Json
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
    }
}
