//! The command line, with clap: `quire [PATH]...` opens the reader,
//! `quire list` prints the documents.

use clap::{Parser, Subcommand};

/// A terminal reader for articles: browse, filter, read and bookmark passages.
#[derive(Debug, Parser)]
#[command(
    name = "quire",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "With no PATH, quire opens its bundled articles.\n\nExamples:\n  quire                  read the bundled articles\n  quire ~/articles       read every .txt/.md file under a folder\n  curl -s URL | quire -  read standard input\n  quire list --json      one JSON object per document\n\nBookmarks are kept in the config directory ($QUIRE_CONFIG_DIR overrides it)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to read (folders are searched recursively for
    /// .txt, .text, .md and .markdown files); `-` reads standard input.
    pub paths: Vec<String>,
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
}
