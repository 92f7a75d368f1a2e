# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_quire_global_optspecs
    string join \n at= format= config= h/help V/version
end

function __fish_quire_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_quire_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_quire_using_subcommand
    set -l cmd (__fish_quire_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c quire -n "__fish_quire_needs_command" -l at -d 'Open at this bookmark (an id from `quire bookmarks list`, or the start of one); without PATH, its document is opened' -r
complete -c quire -n "__fish_quire_needs_command" -l format -d 'Read every input named (and every file in a named folder) as this format, whatever its name ends with. Without it, the ending decides, and standard input and files with no ending are told from their start' -r -f -a "text\t''
markdown\t''
html\t''"
complete -c quire -n "__fish_quire_needs_command" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_needs_command" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_needs_command" -s V -l version -d 'Print version'
complete -c quire -n "__fish_quire_needs_command" -a "list" -d 'Print one line per document: title, word count, path (tab-separated)'
complete -c quire -n "__fish_quire_needs_command" -a "show" -d 'Print documents as quire reads them: title, byline and the article\'s passages (wrapped at the reading measure on a terminal, one paragraph a line when piped)'
complete -c quire -n "__fish_quire_needs_command" -a "search" -d 'Search the articles without the interface: one line per matching document, best first, as `path:LINE: title — snippet`'
complete -c quire -n "__fish_quire_needs_command" -a "open" -d 'Open the reader, like `quire [PATH]...`'
complete -c quire -n "__fish_quire_needs_command" -a "bookmarks" -d 'List or export bookmarks'
complete -c quire -n "__fish_quire_needs_command" -a "config" -d 'Print or write the default config file, or say where quire reads it'
complete -c quire -n "__fish_quire_needs_command" -a "completions" -d 'Print a shell completion script'
complete -c quire -n "__fish_quire_needs_command" -a "man" -d 'Print the man page (roff), generated from these definitions'
complete -c quire -n "__fish_quire_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c quire -n "__fish_quire_using_subcommand list" -l sort -d 'The order: path (as folders are read), title, date (newest first), words (longest first) or read (most recently read first)' -r -f -a "path\t'By path: folder by folder, as the files are read'
title\t'By title, ignoring case'
date\t'Newest first: the published date a page gives, else when its file was last modified; documents with neither after'
words\t'Longest first, by word count'
read\t'Most recently read first; unread documents after'"
complete -c quire -n "__fish_quire_using_subcommand list" -l format -d 'Read every input named (and every file in a named folder) as this format, whatever its name ends with. Without it, the ending decides, and standard input and files with no ending are told from their start' -r -f -a "text\t''
markdown\t''
html\t''"
complete -c quire -n "__fish_quire_using_subcommand list" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand list" -l json -d 'Print one JSON object per line (title, path, words, passages, minutes, author, date, site, url)'
complete -c quire -n "__fish_quire_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c quire -n "__fish_quire_using_subcommand show" -l format -d 'Read every input named (and every file in a named folder) as this format, whatever its name ends with. Without it, the ending decides, and standard input and files with no ending are told from their start' -r -f -a "text\t''
markdown\t''
html\t''"
complete -c quire -n "__fish_quire_using_subcommand show" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand show" -l all -d 'Include the page furniture: the whole page'
complete -c quire -n "__fish_quire_using_subcommand show" -l json -d 'Print one JSON object per line (path, title, author, date, site, url, words, text)'
complete -c quire -n "__fish_quire_using_subcommand show" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand search" -l limit -d 'Print at most this many results' -r
complete -c quire -n "__fish_quire_using_subcommand search" -l format -d 'Read every input named (and every file in a named folder) as this format, whatever its name ends with. Without it, the ending decides, and standard input and files with no ending are told from their start' -r -f -a "text\t''
markdown\t''
html\t''"
complete -c quire -n "__fish_quire_using_subcommand search" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand search" -l json -d 'Print one JSON object per line (path, title, line, score, snippet, passages)'
complete -c quire -n "__fish_quire_using_subcommand search" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand open" -l at -d 'Open at this bookmark (an id from `quire bookmarks list`)' -r
complete -c quire -n "__fish_quire_using_subcommand open" -l format -d 'Read every input named (and every file in a named folder) as this format, whatever its name ends with. Without it, the ending decides, and standard input and files with no ending are told from their start' -r -f -a "text\t''
markdown\t''
html\t''"
complete -c quire -n "__fish_quire_using_subcommand open" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand open" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -f -a "list" -d 'One line per bookmark: id, title, path, quote, note, status (`anchored`, or `orphan` when its passage is no longer found)'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -f -a "export" -d 'Print the bookmarks to standard output, grouped by document'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -f -a "import" -d 'Add bookmarks from a JSON export (quire\'s, or W3C Web Annotations from another tool), anchoring each quote in the documents it names or in the given files and folders; says which it could not place'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and not __fish_seen_subcommand_from list export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON object per line'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from export" -l format -d 'markdown: CommonMark for notes apps, a section per document; obsidian: the same with YAML front matter and a block id per quote; json: a W3C Web Annotation AnnotationCollection' -r -f -a "markdown\t''
obsidian\t''
json\t''"
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from export" -l document -d 'Only the bookmarks of the document read from this file' -r
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from export" -l since -d 'Only bookmarks made on or after this day (YYYY-MM-DD) or time (RFC 3339, e.g. 2026-11-22T08:00:00Z)' -r
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from export" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from import" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from help" -f -a "list" -d 'One line per bookmark: id, title, path, quote, note, status (`anchored`, or `orphan` when its passage is no longer found)'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the bookmarks to standard output, grouped by document'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add bookmarks from a JSON export (quire\'s, or W3C Web Annotations from another tool), anchoring each quote in the documents it names or in the given files and folders; says which it could not place'
complete -c quire -n "__fish_quire_using_subcommand bookmarks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c quire -n "__fish_quire_using_subcommand config" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand config" -l default -d 'Print the complete default config, with a comment on every setting'
complete -c quire -n "__fish_quire_using_subcommand config" -l path -d 'Print the path of the config file quire reads'
complete -c quire -n "__fish_quire_using_subcommand config" -l init -d 'Write the default config where quire reads it, making its folder; an existing file is never overwritten'
complete -c quire -n "__fish_quire_using_subcommand config" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand completions" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand completions" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand man" -l config -d 'Read settings from this file instead of config.toml in the config directory (it must exist)' -r -F
complete -c quire -n "__fish_quire_using_subcommand man" -s h -l help -d 'Print help'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "list" -d 'Print one line per document: title, word count, path (tab-separated)'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "show" -d 'Print documents as quire reads them: title, byline and the article\'s passages (wrapped at the reading measure on a terminal, one paragraph a line when piped)'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "search" -d 'Search the articles without the interface: one line per matching document, best first, as `path:LINE: title — snippet`'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "open" -d 'Open the reader, like `quire [PATH]...`'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "bookmarks" -d 'List or export bookmarks'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "config" -d 'Print or write the default config file, or say where quire reads it'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "man" -d 'Print the man page (roff), generated from these definitions'
complete -c quire -n "__fish_quire_using_subcommand help; and not __fish_seen_subcommand_from list show search open bookmarks config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c quire -n "__fish_quire_using_subcommand help; and __fish_seen_subcommand_from bookmarks" -f -a "list" -d 'One line per bookmark: id, title, path, quote, note, status (`anchored`, or `orphan` when its passage is no longer found)'
complete -c quire -n "__fish_quire_using_subcommand help; and __fish_seen_subcommand_from bookmarks" -f -a "export" -d 'Print the bookmarks to standard output, grouped by document'
complete -c quire -n "__fish_quire_using_subcommand help; and __fish_seen_subcommand_from bookmarks" -f -a "import" -d 'Add bookmarks from a JSON export (quire\'s, or W3C Web Annotations from another tool), anchoring each quote in the documents it names or in the given files and folders; says which it could not place'
