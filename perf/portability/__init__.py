"""A whole journal out of Perf Assist and back in.

- `export`: the format (FORMAT, VERSION, READS, the fields carried), and the JSON and
  Markdown exports;
- `importing`: the entry point, `import_journal`, which reads a file or folder and writes
  it in one transaction;
- `ours`, `jrnl`, `notes`: our own export (a restore), the JSON of `jrnl --export json`,
  and a folder of Markdown daily notes;
- `plain`: what jrnl and daily notes share, entries and nothing else;
- `checks`: what a file must be to be read, each fault named by its record or line;
- `files`: reading a plain file, never a link, a device or a pipe;
- `report`: `ImportReport` and `JournalFileError`.
"""
