#!/usr/bin/env python3
"""Writes the seedwatch(1) manual page (mdoc(7)) from the built binary's command definitions.

Usage: generate-manpage.py BINARY [--date YYYY-MM-DD] > seedwatch.1

BINARY is run with `--experimental-dump-help` (swift-argument-parser's ToolInfoV0 JSON: the
commands, their abstracts and discussions, options, flags and arguments), so the page always
matches the commands of that binary. packaging/seedwatch.1.tail (FILES, EXIT STATUS, SEE ALSO,
hand-written mdoc) is appended. The date is --date, else SOURCE_DATE_EPOCH (reproducible
builds), else today (UTC).

The layout follows swift-argument-parser's own generate-manual tool (a single page: NAME,
SYNOPSIS, DESCRIPTION, one subsection per subcommand), which is not used directly because its
plugin rebuilds the whole package in release mode rather than reading an already built binary.
"""
import datetime
import json
import os
import pathlib
import subprocess
import sys

TAIL = pathlib.Path(__file__).resolve().parent.parent / "packaging" / "seedwatch.1.tail"


def non_ascii(text):
    """Characters outside ASCII as roff's \\[uXXXX] escapes (groff reads bytes, not UTF-8)."""
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)


def escape(text):
    """Text for a roff text line: backslashes escaped, a leading dot or quote neutralised."""
    text = non_ascii(text.replace("\\", "\\e"))
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def macro_argument(text):
    """One argument of an mdoc macro line, quoted so that words such as `No` stay words."""
    return '"' + non_ascii(text.replace("\\", "\\e").replace('"', '\\(dq')) + '"'


def paragraphs(text):
    """mdoc lines for a discussion: blank lines become .Pp, indented lines a literal display."""
    lines = []
    literal = False
    for raw in text.split("\n"):
        if raw.strip() == "":
            if literal:
                lines.append(".Ed")
                literal = False
            if lines and lines[-1] != ".Pp":
                lines.append(".Pp")
            continue
        indented = raw.startswith(" ")
        if indented and not literal:
            lines.append(".Bd -literal -offset indent")
            literal = True
        elif not indented and literal:
            lines.append(".Ed")
            literal = False
        lines.append(escape(raw.strip() if not literal else raw.strip()))
    if literal:
        lines.append(".Ed")
    while lines and lines[-1] == ".Pp":
        lines.pop()
    return lines


def name_of(name):
    """`Fl` argument for an option name: long options get their second dash from Fl itself."""
    if name["kind"] == "long":
        return "-" + name["name"]
    return name["name"]  # short, or longWithSingleDash


def argument_synopsis(argument):
    """The mdoc words of one argument in a synopsis line (without the optional brackets)."""
    value = argument.get("valueName", "value")
    if argument["kind"] == "positional":
        words = ["Ar", value]
    elif argument["kind"] == "option":
        words = ["Fl", name_of(argument["preferredName"]), "Ar", value]
    else:
        words = ["Fl", name_of(argument["preferredName"])]
    if argument.get("isRepeating"):
        words.append("...")
    return words


def visible_arguments(command, root):
    """The arguments to document; --help and --version only once, on the root command."""
    return [a for a in command.get("arguments") or [] if a.get("shouldDisplay", True)
            and (root or a.get("preferredName", {}).get("name") not in ("help", "version"))]


def synopsis(command_path, command):
    lines = [".Nm"] + ([".Cm " + " ".join(command_path[1:])] if len(command_path) > 1 else [])
    if command.get("subcommands"):
        lines.append(".Ar subcommand")
    for argument in visible_arguments(command, len(command_path) == 1):
        words = argument_synopsis(argument)
        lines.append((".Op " if argument.get("isOptional") else ".") + " ".join(words))
    return lines


def argument_list(command, root):
    arguments = visible_arguments(command, root)
    if not arguments:
        return []
    lines = [".Bl -tag -width 6n"]
    for argument in arguments:
        if argument["kind"] == "positional":
            title = "Ar " + argument.get("valueName", "value")
        else:
            names = argument.get("names") or [argument["preferredName"]]
            title = " , ".join("Fl " + name_of(n) for n in names)
            if argument["kind"] == "option":
                title += " Ar " + argument.get("valueName", "value")
        if argument.get("isRepeating"):
            title += " ..."
        lines.append(".It " + title)
        text = argument.get("abstract") or ""
        values = argument.get("allValues")
        if values:
            text += (" " if text else "") + "One of: " + ", ".join(values) + "."
        if argument.get("defaultValue") is not None:
            text += (" " if text else "") + "Default: " + argument["defaultValue"] + "."
        if text:
            lines.append(escape(text))
        if argument.get("discussion"):
            lines.append(".Pp")
            lines.extend(paragraphs(argument["discussion"]))
    lines.append(".El")
    return lines


def subcommand_sections(command_path, command):
    lines = []
    for subcommand in command.get("subcommands") or []:
        if not subcommand.get("shouldDisplay", True) or subcommand["commandName"] == "help":
            continue
        path = command_path + [subcommand["commandName"]]
        lines.append(".Ss " + macro_argument(" ".join(path[1:])))
        if subcommand.get("abstract"):
            lines.append(escape(subcommand["abstract"]))
            lines.append(".Pp")
        lines.extend(synopsis(path, subcommand))
        if subcommand.get("discussion"):
            lines.append(".Pp")
            lines.extend(paragraphs(subcommand["discussion"]))
        lines.extend(argument_list(subcommand, False))
        lines.extend(subcommand_sections(path, subcommand))
    return lines


def page(tool, date, version):
    command = tool["command"]
    name = command["commandName"]
    lines = [
        '.\\" Generated by scripts/generate-manpage.py from `%s --experimental-dump-help`; do not edit.' % name,
        ".Dd " + date.strftime("%B %-d, %Y"),
        ".Dt " + name.upper() + " 1",
        ".Os " + " ".join([name] + ([version] if version else [])),
        ".Sh NAME",
        ".Nm " + name,
        ".Nd " + macro_argument(command.get("abstract", "").rstrip(".")),
        ".Sh SYNOPSIS",
    ]
    lines.extend(synopsis([name], command))
    lines.append(".Sh DESCRIPTION")
    if command.get("discussion"):
        lines.extend(paragraphs(command["discussion"]))
    lines.extend(argument_list(command, True))
    lines.append(".Sh COMMANDS")
    lines.extend(subcommand_sections([name], command))
    return "\n".join(lines) + "\n"


def main():
    arguments = sys.argv[1:]
    if not arguments or arguments[0].startswith("-"):
        sys.exit("usage: generate-manpage.py BINARY [--date YYYY-MM-DD]")
    binary = arguments[0]
    if "--date" in arguments:
        date = datetime.date.fromisoformat(arguments[arguments.index("--date") + 1])
    elif os.environ.get("SOURCE_DATE_EPOCH"):
        date = datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), datetime.timezone.utc).date()
    else:
        date = datetime.datetime.now(datetime.timezone.utc).date()
    try:
        dump = subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"generate-manpage.py: cannot run {binary} --experimental-dump-help: {error}")
    tool = json.loads(dump)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    if tool.get("serializationVersion") != 0:
        sys.exit(f"generate-manpage.py: {binary}: unknown --experimental-dump-help format "
                 f"(serializationVersion {tool.get('serializationVersion')}, expected 0)")
    sys.stdout.write(page(tool, date, version))
    sys.stdout.write(TAIL.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
