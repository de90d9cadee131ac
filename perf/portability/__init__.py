"""A whole journal out of Perf Assist and back in.

- `export`: the format (FORMAT, VERSION, READS, the fields carried), and the JSON and
  Markdown exports;
- `importing`: the entry point, `import_journal`, which reads a file or folder and writes
  it in one transaction;
- `ours`, `jrnl`, `notes`: our own export (a restore), the JSON of `jrnl --export json`,
  and a folder of Markdown daily notes;
- `plain`: what jrnl and daily notes share, entries and nothing else;
- `records`: the import format as pydantic models (our export, jrnl's JSON, a daily
  note), with the checks it needs; `values`: the types of its fields;
- `problems`: a fault pydantic found, as a sentence naming its record or line;
- `files`: reading a plain file, never a link, a device or a pipe;
- `report`: `ImportReport` and `JournalFileError`.
- `upload`, `archive`, `upload_run`: Settings' import, a file uploaded: checked by what it
  holds (a zip of daily notes member by member), then imported by the worker.
"""
