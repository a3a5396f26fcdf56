/**
 * The error catalog: every code duban throws or reports, in the manner of astro's
 * `errors-data.ts`. Each entry is named, has a permanent code (released codes are
 * never renamed: where two codes turned out to mean the same thing, the newer ones
 * stay valid through ERROR_ALIASES), a title, an optional message function, a
 * default hint and a class. Libraries throw `new DubanError(code, message, …)` and
 * leave the exit code to the CLI, which maps the class (apps/cli `_exit.ts`).
 *
 * One data file on purpose, like astro's: it is read top to bottom as a reference,
 * and docs/errors.md is generated from it (`npm run docs:errors`). A test scans the
 * sources so that a code thrown anywhere but missing here, or listed here but thrown
 * nowhere, fails `npm test`.
 */

/**
 * What kind of failure an error is. The CLI alone turns it into an exit code:
 * input 2, state 3, environment 3, conflict 4, internal 70.
 */
export type ErrorClass =
  /** The user's input (a file, an option, a rule set) is wrong: fix it and run again. */
  | 'input'
  /** The ledger is not in the state the command needs (no ledger, no plan, old schema). */
  | 'state'
  /** The machine is missing something or refuses (a browser, a font, a file, a port). */
  | 'environment'
  /** The action would overwrite, contradict or race something that exists (a file, a signed chain, a lock). */
  | 'conflict'
  /** A bug in duban. */
  | 'internal';

/** One catalog entry. */
export interface ErrorData {
  /** Permanent code, DUBAN_<AREA>_<WHAT>; scripts match on it, so it never changes. */
  readonly code: string;
  /** The failure class the CLI maps to an exit code. */
  readonly class: ErrorClass;
  /** One line saying what went wrong, for docs/errors.md. */
  readonly title: string;
  /** Builds the message where every throw site says the same thing. */
  readonly message?: (...args: never[]) => string;
  /** What to do; a throw site may give a more precise one. */
  readonly hint?: string;
}

/** Every error duban raises, by name. Codes are permanent; names and titles may improve. */
export const ERRORS = {
  // ACCOUNT
  AccountExists: {
    code: 'DUBAN_ACCOUNT_EXISTS',
    class: 'conflict',
    title: 'an account named … already exists',
    hint: "choose another name, or reset the existing account's password",
  },
  AccountName: {
    code: 'DUBAN_ACCOUNT_NAME',
    class: 'input',
    title: 'account name "…" is not allowed',
    hint: 'use 2–64 letters, digits, Chinese characters, _ . @ or -, no spaces',
  },
  AccountPassword: {
    code: 'DUBAN_ACCOUNT_PASSWORD',
    class: 'input',
    title: 'the password is too weak: …',
    hint: 'use at least 10 characters, or omit it to get a temporary password',
  },
  AccountUnit: {
    code: 'DUBAN_ACCOUNT_UNIT',
    class: 'input',
    title: 'office accounts (admin, staff) belong to no unit',
    hint: 'drop --unit, or use --role reporter',
  },
  AccountUnitUnknown: {
    code: 'DUBAN_ACCOUNT_UNIT_UNKNOWN',
    class: 'input',
    title: '… is not a unit with tasks in plan v…',
    hint: 'use a unit name as `duban units` lists it (aliases work too)',
  },
  AccountUnknown: {
    code: 'DUBAN_ACCOUNT_UNKNOWN',
    class: 'environment',
    title: 'no account named …',
    hint: 'list the accounts with `duban users list`',
  },

  // AUDIT
  AuditBadHead: {
    code: 'DUBAN_AUDIT_BAD_HEAD',
    class: 'input',
    title: '--expect-head … is not SEQ:HASH',
    hint: 'copy it as printed on the last issued document or by `duban audit head`, e.g. --expect-head 57:3f2a9c0d1e4b5a6f',
  },
  AuditDocumentRead: {
    code: 'DUBAN_AUDIT_DOCUMENT_READ',
    class: 'environment',
    title: 'cannot read the document …: …',
    hint: 'name the issued document file (PDF, xlsx …) as it was sent',
  },
  AuditHeadMismatch: {
    code: 'DUBAN_AUDIT_HEAD_MISMATCH',
    class: 'conflict',
    title: "the ledger's audit chain does not contain the head printed on an issued document",
  },
  AuditKeyFile: {
    code: 'DUBAN_AUDIT_KEY_FILE',
    class: 'environment',
    title: 'cannot write the key to …: …',
  },
  AuditKeyMismatch: {
    code: 'DUBAN_AUDIT_KEY_MISMATCH',
    class: 'environment',
    title: 'the office key given (id …) is not the one this ledger is signed with (id …)',
    hint: 'use the office key file the ledger was signed with',
  },
  AuditKeyNotAdopted: {
    code: 'DUBAN_AUDIT_KEY_NOT_ADOPTED',
    class: 'state',
    title: "an office key is configured but the ledger's … existing audit entries are not signed with it",
    hint: 'run `duban audit sign` once: it verifies the chain and signs every entry with the key',
  },
  AuditKeyRequired: {
    code: 'DUBAN_AUDIT_KEY_REQUIRED',
    class: 'environment',
    title: 'this ledger is signed with an office key; documents are issued only after its MACs are checked',
  },
  AuditMac: {
    code: 'DUBAN_AUDIT_MAC',
    class: 'conflict',
    title: 'an audit entry carries an office MAC that does not match the office key',
  },
  AuditMismatch: {
    code: 'DUBAN_AUDIT_MISMATCH',
    class: 'conflict',
    title: 'the chain does not verify, so it cannot be signed: entry #…: …',
    hint: 'restore the last good backup first; a key must not vouch for altered history',
  },
  AuditRegistry: {
    code: 'DUBAN_AUDIT_REGISTRY',
    class: 'conflict',
    title: 'the registry of issued documents does not match the audit chain',
  },
  AuditTruncated: {
    code: 'DUBAN_AUDIT_TRUNCATED',
    class: 'conflict',
    title: 'the audit chain was cut short: entries a document vouched for are gone',
  },
  AuditUnknownDocument: {
    code: 'DUBAN_AUDIT_UNKNOWN_DOCUMENT',
    class: 'conflict',
    title: "… (SHA-256 …) is not in this ledger's registry of issued documents",
    hint: 'it was issued from another ledger, or this ledger was rolled back or truncated to before it was issued; restore the ledger that issued it (a backup made after the document)',
  },

  // BACKUP
  BackupExists: {
    code: 'DUBAN_BACKUP_EXISTS',
    class: 'conflict',
    title: '… already exists',
    hint: 'choose a new file name, or pass --force to overwrite it',
  },
  BackupNoDir: {
    code: 'DUBAN_BACKUP_NO_DIR',
    class: 'input',
    title: 'the directory of … does not exist',
    hint: 'create the directory first',
  },
  BackupSameFile: {
    code: 'DUBAN_BACKUP_SAME_FILE',
    class: 'input',
    title: 'the backup path is the ledger itself',
    hint: 'choose another file name',
  },

  // CALENDAR
  CalendarField: {
    code: 'DUBAN_CALENDAR_FIELD',
    class: 'input',
    title: 'one invalid field of the calendar file (listed under the CALENDAR_INVALID error)',
  },
  CalendarInvalid: {
    code: 'DUBAN_CALENDAR_INVALID',
    class: 'input',
    title: 'the calendar file has invalid fields',
  },
  CalendarJson: {
    code: 'DUBAN_CALENDAR_JSON',
    class: 'input',
    title: 'the calendar file is not valid JSON',
  },
  CalendarMissing: {
    code: 'DUBAN_CALENDAR_MISSING',
    class: 'input',
    title: 'calendar file … does not exist',
    hint: 'check "calendar" in duban.config.json (a JSON file: { "years": [{ "year": 2027, "source": "国办发明电〔2026〕…号", "off": [["2027-01-01", "2027-01-03"]], "work": ["2027-01-04"] }] })',
  },
  CalendarRead: {
    code: 'DUBAN_CALENDAR_READ',
    class: 'environment',
    title: 'cannot read the calendar file (missing, a directory, not a regular file or too large)',
  },

  // CLI
  CliBadNumber: {
    code: 'DUBAN_CLI_BAD_NUMBER',
    class: 'input',
    title: '--limit must be a positive whole number, got "…"',
    hint: 'for example --limit 20',
  },

  // CONFIG
  Config: {
    code: 'DUBAN_CONFIG',
    class: 'input',
    title: 'config "issue.contact" must be an object such as { "person": "王明", "phone": "0915-3210000" }',
    hint: 'see README.md "Configuration" for the fields and their types',
  },
  ConfigField: {
    code: 'DUBAN_CONFIG_FIELD',
    class: 'input',
    title: 'one invalid field of the config file (listed under the CONFIG_INVALID error)',
  },
  ConfigInvalid: {
    code: 'DUBAN_CONFIG_INVALID',
    class: 'input',
    title: 'the config file has invalid fields',
  },
  ConfigJson: {
    code: 'DUBAN_CONFIG_JSON',
    class: 'input',
    title: 'the config file is not valid JSON',
  },
  ConfigMissing: {
    code: 'DUBAN_CONFIG_MISSING',
    class: 'input',
    title: 'config file … does not exist',
    hint: 'check the --config path, or omit it to use defaults',
  },
  ConfigRead: {
    code: 'DUBAN_CONFIG_READ',
    class: 'environment',
    title: 'cannot read the config file (missing, a directory, not a regular file or too large)',
  },

  // CORRECTIONS
  Corrections: {
    code: 'DUBAN_CORRECTIONS',
    class: 'input',
    title: 'the corrections file … has … problem(s); nothing was imported',
    hint: 'keys are task numbers; each entry may set was, title, text, lead, co, responsible (lists of units), deadline (YYYY-MM-DD or 6月底前), indicators ([{metric, value, unit}]), leaders',
  },
  CorrectionsMissing: {
    code: 'DUBAN_CORRECTIONS_MISSING',
    class: 'input',
    title: 'corrections file … does not exist',
    hint: 'check the --corrections path',
  },

  // CUIBAN
  CuibanUnit: {
    code: 'DUBAN_CUIBAN_UNIT',
    class: 'input',
    title: '… is not a unit of plan v…',
    hint: 'name the unit as the ledger does (duban units)',
  },

  // EVALUATE
  NotADate: {
    code: 'DUBAN_EVALUATE_DATE',
    class: 'input',
    title: 'a date option (--as-of, --today …) is not a date',
    hint: 'write dates as YYYY-MM-DD, e.g. --as-of 2019-06-30',
  },

  // FILE
  FileChanged: {
    code: 'DUBAN_FILE_CHANGED',
    class: 'input',
    title: 'stored file … was changed outside duban',
    hint: 'restore the file from a backup',
  },
  FileRef: {
    code: 'DUBAN_FILE_REF',
    class: 'input',
    title: '"…" is not a file reference',
    hint: 'file references are 64 lowercase hex digits (SHA-256)',
  },

  // IMPORT
  ImportAmbiguousUnit: {
    code: 'DUBAN_IMPORT_AMBIGUOUS_UNIT',
    class: 'input',
    title: 'unit "…" could be …; kept as written',
  },
  ImportBadDocx: {
    code: 'DUBAN_IMPORT_BAD_DOCX',
    class: 'input',
    title: 'the .docx file cannot be read: …',
  },
  ImportBadOption: {
    code: 'DUBAN_IMPORT_BAD_OPTION',
    class: 'input',
    title: '--year must be a four-digit year, got "…"',
    hint: 'for example --year 2024',
  },
  ImportBadPdf: {
    code: 'DUBAN_IMPORT_BAD_PDF',
    class: 'input',
    title: 'the PDF cannot be read: …',
    hint: 'the file is damaged or password-protected; save it again from the source, or export the notice as .docx',
  },
  ImportBinary: {
    code: 'DUBAN_IMPORT_BINARY',
    class: 'input',
    title: 'the file is not a text notice: …',
    hint: 'give the notice as plain text (UTF-8 or GB18030/GBK); copy it out of a PDF, Word file or web page first',
  },
  ImportCorrectionDeadline: {
    code: 'DUBAN_IMPORT_CORRECTION_DEADLINE',
    class: 'input',
    title: 'task …: deadline "…" names no date; write it as YYYY-MM-DD or a phrase such as 6月底前',
  },
  ImportCorrectionUnmatched: {
    code: 'DUBAN_IMPORT_CORRECTION_UNMATCHED',
    class: 'input',
    title: 'correction for task … matches no task of the notice (it has …); not applied',
  },
  ImportDeadlineUnclear: {
    code: 'DUBAN_IMPORT_DEADLINE_UNCLEAR',
    class: 'input',
    title: 'deadline "…" names no date; due at year end …',
  },
  ImportDoc: {
    code: 'DUBAN_IMPORT_DOC',
    class: 'input',
    title: 'the file is …; duban reads the newer .docx format',
  },
  ImportEmpty: {
    code: 'DUBAN_IMPORT_EMPTY',
    class: 'input',
    title: 'the notice is empty',
    hint: 'check that the file holds the text of the notice',
  },
  ImportEncoding: {
    code: 'DUBAN_IMPORT_ENCODING',
    class: 'input',
    title: 'the notice is UTF-8 but … byte sequence(s) are broken, the first near byte …',
    hint: 'the file was damaged or cut while copying; save it again from the source (as UTF-8 or GB18030/GBK)',
  },
  ImportImage: {
    code: 'DUBAN_IMPORT_IMAGE',
    class: 'input',
    title: 'the file is an image (a photo or scan of the notice), which has no text to read',
  },
  ImportIsDirectory: {
    code: 'DUBAN_IMPORT_IS_DIRECTORY',
    class: 'input',
    title: '… is a directory, not a notice file',
    hint: 'pass the notice text file itself',
  },
  ImportLeadByOrder: {
    code: 'DUBAN_IMPORT_LEAD_BY_ORDER',
    class: 'input',
    title: "… leads because it is listed first (the notice's convention)",
  },
  ImportLongHeading: {
    code: 'DUBAN_IMPORT_LONG_HEADING',
    class: 'input',
    title: 'section heading … is … characters long; check that it is a heading and not a paragraph that lost its 。',
  },
  ImportMissing: {
    code: 'DUBAN_IMPORT_MISSING',
    class: 'input',
    title: 'notice file … does not exist',
    hint: 'check the path; for the sample notice use seeds/ankang-2019-notice.txt',
  },
  ImportNoAssignment: {
    code: 'DUBAN_IMPORT_NO_ASSIGNMENT',
    class: 'input',
    title: 'task … names no responsible unit',
  },
  ImportNoTasks: {
    code: 'DUBAN_IMPORT_NO_TASKS',
    class: 'input',
    title: 'no tasks were recognised in the notice',
  },
  ImportNoYear: {
    code: 'DUBAN_IMPORT_NO_YEAR',
    class: 'input',
    title: 'give the plan year with --year YYYY (duban never assumes the current year)',
  },
  ImportNotAFile: {
    code: 'DUBAN_IMPORT_NOT_A_FILE',
    class: 'input',
    title: '… is not a regular file',
    hint: 'save the notice to a file and pass that',
  },
  ImportRenumbered: {
    code: 'DUBAN_IMPORT_RENUMBERED',
    class: 'input',
    title: 'task number … repeats or goes backwards; numbered …',
  },
  ImportScannedPdf: {
    code: 'DUBAN_IMPORT_SCANNED_PDF',
    class: 'input',
    title: 'the PDF has … page(s) but no text layer (a scan or a picture of the notice)',
    hint: 'ask the issuing office for the .docx or a text PDF, or run OCR on the scan and import the text it gives',
  },
  ImportSectionNumbering: {
    code: 'DUBAN_IMPORT_SECTION_NUMBERING',
    class: 'input',
    title: 'tasks restart at 1 in each section; they are numbered on from … so numbers stay unique in the plan',
  },
  ImportSkippedNumber: {
    code: 'DUBAN_IMPORT_SKIPPED_NUMBER',
    class: 'input',
    title: 'task number … follows …: ${gap === 1 ? ',
  },
  ImportTooLarge: {
    code: 'DUBAN_IMPORT_TOO_LARGE',
    class: 'input',
    title: '… is … (… bytes); the limit is … (… bytes)',
    hint: 'a breakdown notice is a few hundred KB, so check that this is the right file; if it is, raise the limit with --max-bytes N',
  },
  ImportUnknownUnit: {
    code: 'DUBAN_IMPORT_UNKNOWN_UNIT',
    class: 'input',
    title: 'unit "…" is not in the unit directory',
  },
  ImportUnparsedParenthesis: {
    code: 'DUBAN_IMPORT_UNPARSED_PARENTHESIS',
    class: 'input',
    title: 'task …: the parenthesis "…" names no units or roles; kept as text',
  },
  ImportUnsupported: {
    code: 'DUBAN_IMPORT_UNSUPPORTED',
    class: 'input',
    title: 'the file is …, not a notice duban can read',
  },

  // INIT
  TargetExists: {
    code: 'DUBAN_INIT_EXISTS',
    class: 'conflict',
    title: 'the files or folder an init command would create already exist; it never overwrites them',
    hint: 'choose another name or directory, or move the existing files away',
  },

  // INTERNAL
  Internal: {
    code: 'DUBAN_INTERNAL',
    class: 'internal',
    title: 'an unexpected error occurred; this is a bug in duban',
  },

  // IO
  Io: {
    code: 'DUBAN_IO',
    class: 'environment',
    title: 'an operating-system error (missing directory, permission, full disk …) escaped a command',
    hint: 'check the path, its directory and permissions',
  },

  // OUTPUT
  OutputDir: {
    code: 'DUBAN_OUTPUT_DIR',
    class: 'environment',
    title: 'cannot write documents under …: …',
    hint: 'give --out a file or directory you can write to',
  },
  OutputExists: {
    code: 'DUBAN_OUTPUT_EXISTS',
    class: 'conflict',
    title: 'refusing to replace …: …',
  },

  // PDF
  PdfBatch: {
    code: 'DUBAN_PDF_BATCH',
    class: 'environment',
    title: 'cannot split the printed batch: …',
    hint: 'this is a bug in duban or an unexpected browser; print the documents one by one (renderTemplate) meanwhile',
  },
  PdfBrowserStart: {
    code: 'DUBAN_PDF_BROWSER_START',
    class: 'environment',
    title: 'the browser … did not start: …',
  },
  PdfClosed: {
    code: 'DUBAN_PDF_CLOSED',
    class: 'internal',
    title: 'the PDF renderer was already closed',
  },
  PdfFontInvalid: {
    code: 'DUBAN_PDF_FONT_INVALID',
    class: 'environment',
    title: 'a configured font file is not a TrueType/OpenType font or collection',
    hint: 'name a .ttf, .otf or .ttc file, or an installed font family, in duban.config.json "fonts"',
  },
  PdfFontNotFound: {
    code: 'DUBAN_PDF_FONT_NOT_FOUND',
    class: 'environment',
    title: 'font file … configured for … does not exist',
    hint: 'fix the path in duban.config.json "fonts" (relative paths are relative to the config file)',
  },
  PdfFontUnsuitable: {
    code: 'DUBAN_PDF_FONT_UNSUITABLE',
    class: 'environment',
    title: 'the font configured for … (…) has no simplified-Chinese glyphs',
  },
  PdfNoBrowser: {
    code: 'DUBAN_PDF_NO_BROWSER',
    class: 'environment',
    title: 'no Chromium or Chrome found to render PDFs',
  },
  PdfNoFont: {
    code: 'DUBAN_PDF_NO_FONT',
    class: 'environment',
    title: 'no usable font for …: the official … is not configured and the open substitute is not installed',
  },
  PdfRender: {
    code: 'DUBAN_PDF_RENDER',
    class: 'environment',
    title: 'rendering … failed: …',
  },
  PdfTimeout: {
    code: 'DUBAN_PDF_TIMEOUT',
    class: 'environment',
    title: 'rendering … took longer than … ms and was stopped',
  },
  PdfWrite: {
    code: 'DUBAN_PDF_WRITE',
    class: 'environment',
    title: 'a rendered PDF cannot be written to its path',
    hint: 'check that the output path is a writable file location (not a directory) and the disk has room',
  },

  // PLAN
  PlanUnknown: {
    code: 'DUBAN_PLAN_UNKNOWN',
    class: 'input',
    title: 'plan version … is not in the ledger',
  },

  // PROGRESS
  ProgressBadCsv: {
    code: 'DUBAN_PROGRESS_BAD_CSV',
    class: 'input',
    title: 'a progress CSV is not well-formed',
    hint: 'check quotes: a field containing commas or line breaks must be wrapped in double quotes',
  },
  ProgressBadDate: {
    code: 'DUBAN_PROGRESS_BAD_DATE',
    class: 'input',
    title: 'not a date: … (write 2019-03-31)',
  },
  ProgressBadState: {
    code: 'DUBAN_PROGRESS_BAD_STATE',
    class: 'input',
    title: 'unknown state …; use 推进中, 已完成 or 受阻',
  },
  ProgressBadTask: {
    code: 'DUBAN_PROGRESS_BAD_TASK',
    class: 'input',
    title: '--task must be a task number, got …',
  },
  ProgressBadValues: {
    code: 'DUBAN_PROGRESS_BAD_VALUES',
    class: 'input',
    title: 'cannot read indicator values …; write KEY=VALUE;KEY=VALUE, e.g. 1=3000;2=12',
  },
  ProgressBinding: {
    code: 'DUBAN_PROGRESS_BINDING',
    class: 'input',
    title:
      "the workbook's binding does not match its unit (…) and plan version: its hidden sheet was edited, or it was made with another office key",
  },
  ProgressCellTooLong: {
    code: 'DUBAN_PROGRESS_CELL_TOO_LONG',
    class: 'input',
    title: 'a cell holds … characters; the limit is …',
  },
  ProgressColumns: {
    code: 'DUBAN_PROGRESS_COLUMNS',
    class: 'input',
    title: 'the header row of a progress CSV does not match the format',
    hint: 'do not add, remove or move columns; make a fresh template with `duban progress template` and copy the entries over',
  },
  ProgressDateOutOfRange: {
    code: 'DUBAN_PROGRESS_DATE_OUT_OF_RANGE',
    class: 'input',
    title: 'date … is outside the plan year …',
  },
  ProgressDuplicateColumn: {
    code: 'DUBAN_PROGRESS_DUPLICATE_COLUMN',
    class: 'input',
    title: 'column “…” appears twice',
  },
  ProgressDuplicateRow: {
    code: 'DUBAN_PROGRESS_DUPLICATE_ROW',
    class: 'input',
    title: 'second, different report for task …, …, … (first at row …); keep one',
  },
  ProgressEmptyFile: {
    code: 'DUBAN_PROGRESS_EMPTY_FILE',
    class: 'input',
    title: 'a progress file is empty',
    hint: 'a progress CSV starts with a header row: ',
  },
  ProgressEmptyReport: {
    code: 'DUBAN_PROGRESS_EMPTY_REPORT',
    class: 'input',
    title: 'row reports nothing: give a percent, indicator values, a state or 进展情况',
  },
  ProgressEncoding: {
    code: 'DUBAN_PROGRESS_ENCODING',
    class: 'input',
    title:
      '… is not UTF-8 text (invalid bytes after byte …; it looks like GBK/GB18030, the default of Chinese Excel and WPS)',
    hint: 'open it in Excel or WPS and save as “CSV UTF-8 (逗号分隔)”, or convert it: iconv -f GB18030 -t UTF-8 in.csv > out.csv',
  },
  ProgressExtraColumn: {
    code: 'DUBAN_PROGRESS_EXTRA_COLUMN',
    class: 'input',
    title: 'unknown column “…”',
  },
  ProgressFileNotFound: {
    code: 'DUBAN_PROGRESS_FILE_NOT_FOUND',
    class: 'environment',
    title: 'a progress file cannot be read (missing or unreadable)',
    hint: 'check the path',
  },
  ProgressFileTooLarge: {
    code: 'DUBAN_PROGRESS_FILE_TOO_LARGE',
    class: 'input',
    title: '… is … bytes; the limit for a progress file is …',
  },
  ProgressFormula: {
    code: 'DUBAN_PROGRESS_FORMULA',
    class: 'input',
    title: 'cell holds a formula; type the value itself',
  },
  ProgressInvalidRows: {
    code: 'DUBAN_PROGRESS_INVALID_ROWS',
    class: 'input',
    title: 'progress file(s) have bad rows of more than one kind; nothing was imported',
  },
  ProgressMissingColumn: {
    code: 'DUBAN_PROGRESS_MISSING_COLUMN',
    class: 'input',
    title: 'missing column … (…)',
  },
  ProgressMissingValue: {
    code: 'DUBAN_PROGRESS_MISSING_VALUE',
    class: 'input',
    title: 'a required cell (task, unit, date) of a progress row is empty',
  },
  ProgressMovedColumn: {
    code: 'DUBAN_PROGRESS_MOVED_COLUMN',
    class: 'input',
    title: 'column … should be “…” but is “…”',
  },
  ProgressNoFiles: {
    code: 'DUBAN_PROGRESS_NO_FILES',
    class: 'input',
    title: 'no progress files to import',
    hint: 'name .xlsx or .csv files',
  },
  ProgressNotAFile: {
    code: 'DUBAN_PROGRESS_NOT_A_FILE',
    class: 'input',
    title: 'a progress path is a directory, device or other non-regular file',
    hint: 'name the progress files themselves, e.g. dir/*.xlsx',
  },
  ProgressNotANumber: {
    code: 'DUBAN_PROGRESS_NOT_A_NUMBER',
    class: 'input',
    title: 'percent is not a number: …',
  },
  ProgressNotSender: {
    code: 'DUBAN_PROGRESS_NOT_SENDER',
    class: 'input',
    title: 'row names …, but the file was sent by … (--from)',
  },
  ProgressNotTemplate: {
    code: 'DUBAN_PROGRESS_NOT_TEMPLATE',
    class: 'input',
    title: 'a workbook has no worksheets, or none in the progress template layout',
    hint: 'fill in the workbook made by `duban progress template --unit <unit>`, keeping its sheets; or use the CSV columns task, unit, date, percent, state, values, …',
  },
  ProgressNotXlsx: {
    code: 'DUBAN_PROGRESS_NOT_XLSX',
    class: 'input',
    title: '… is not an Excel .xlsx workbook (…)',
    hint: 'send the workbook made by `duban progress template`, saved as .xlsx (not .xls or .et); or export the data as CSV UTF-8',
  },
  ProgressPercentRange: {
    code: 'DUBAN_PROGRESS_PERCENT_RANGE',
    class: 'input',
    title: 'percent … is outside 0–100',
  },
  ProgressPlanVersion: {
    code: 'DUBAN_PROGRESS_PLAN_VERSION',
    class: 'input',
    title: "prepared for plan version …, but the ledger's current plan is version …",
  },
  ProgressRowWidth: {
    code: 'DUBAN_PROGRESS_ROW_WIDTH',
    class: 'input',
    title: 'a CSV row has more or fewer fields than the header',
  },
  ProgressTemplateArgs: {
    code: 'DUBAN_PROGRESS_TEMPLATE_ARGS',
    class: 'input',
    title: 'give either --unit U or --all',
    hint: 'duban progress template --unit 市发改委 --out 市发改委.xlsx, or --all --out DIR',
  },
  ProgressTemplateOut: {
    code: 'DUBAN_PROGRESS_TEMPLATE_OUT',
    class: 'environment',
    title: 'cannot create the directory …: …',
    hint: 'give --out a directory you can write to',
  },
  ProgressTooManyRows: {
    code: 'DUBAN_PROGRESS_TOO_MANY_ROWS',
    class: 'input',
    title: '… has more than … rows',
  },
  ProgressUnbound: {
    code: 'DUBAN_PROGRESS_UNBOUND',
    class: 'input',
    title: 'a workbook is not bound to its unit by the office key, so nothing vouches that the unit sent it',
    hint: "a file counts for the units it names only when it is a workbook bound by the office key, or the office says who sent it: --from UNIT (every row must be that unit's) or --office (the office vouches for every row); see SECURITY.md",
  },
  ProgressUnitNotAssigned: {
    code: 'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED',
    class: 'input',
    title: 'a progress row names a unit that has no part in its task',
  },
  ProgressUnknownIndicator: {
    code: 'DUBAN_PROGRESS_UNKNOWN_INDICATOR',
    class: 'input',
    title: 'task … has no indicator …${keys ? ',
  },
  ProgressUnknownTask: {
    code: 'DUBAN_PROGRESS_UNKNOWN_TASK',
    class: 'input',
    title: 'no task … in plan version … (tasks 1–…)',
  },
  ProgressUnknownUnit: {
    code: 'DUBAN_PROGRESS_UNKNOWN_UNIT',
    class: 'input',
    title: '--from … is not a unit of plan v…',
    hint: 'see `duban units` for the names',
  },
  ProgressZipEntries: {
    code: 'DUBAN_PROGRESS_ZIP_ENTRIES',
    class: 'input',
    title: '… is an archive of … entries; a workbook has a few dozen (limit …)',
  },
  ProgressZipRatio: {
    code: 'DUBAN_PROGRESS_ZIP_RATIO',
    class: 'input',
    title: '…: entry … inflates …-fold (limit …): it looks like a zip bomb',
  },
  ProgressZipTooLarge: {
    code: 'DUBAN_PROGRESS_ZIP_TOO_LARGE',
    class: 'input',
    title: '… inflates past … bytes: it is a zip bomb or far larger than a progress workbook',
  },

  // REPORT
  ReportFormat: {
    code: 'DUBAN_REPORT_FORMAT',
    class: 'input',
    title: 'reporter … has no --format: it writes one kind of file',
    hint: 'leave --format out for this reporter; bulletin and scoresheet take --format pdf, docx or pdf,docx',
  },
  ReportIssue: {
    code: 'DUBAN_REPORT_ISSUE',
    class: 'input',
    title: '--issue … is not an issue number',
    hint: 'give 期数 as a whole number, e.g. --issue 3',
  },
  ReportName: {
    code: 'DUBAN_REPORT_NAME',
    class: 'input',
    title: 'name the reporter to run',
    hint: 'e.g. duban report bulletin --as-of 2019-06-30; or list reporters to run in duban.config.json: "reporters": ["bulletin", ["scoresheet", { … }]]; duban report --list shows them all',
  },
  ReportOptionFlag: {
    code: 'DUBAN_REPORT_OPTION_FLAG',
    class: 'input',
    title: '--option … is not key=value',
    hint: 'write --option title=第二季度 or --option limit=3 (values are JSON when they parse, text where the reporter wants text)',
  },
  ReportRegister: {
    code: 'DUBAN_REPORT_REGISTER',
    class: 'environment',
    title: 'the document(s) were written (…) but could not be recorded in the registry of issued documents: …',
  },
  ReportUnverified: {
    code: 'DUBAN_REPORT_UNVERIFIED',
    class: 'conflict',
    title: 'refusing to issue a document from a ledger whose audit chain does not verify: …: …',
  },

  // REPORTER
  ReporterApiVersion: {
    code: 'DUBAN_REPORTER_API_VERSION',
    class: 'input',
    title: 'reporter plug-in … (…) was written for reporter apiVersion …, but this duban speaks apiVersion …',
  },
  ReporterDoesNotFit: {
    code: 'DUBAN_REPORTER_DOES_NOT_FIT',
    class: 'input',
    title: 'none of … layout(s) fits in … page(s): they take … pages',
    hint: 'add a shorter candidate (fewer rows, no narrative), or allow more pages',
  },
  ReporterFailed: {
    code: 'DUBAN_REPORTER_FAILED',
    class: 'input',
    title: 'the stack above is from the plug-in; report it to its authors',
    hint: 'render() must return nothing or an array of { path, kind, description? } for files it wrote',
  },
  ReporterInitName: {
    code: 'DUBAN_REPORTER_INIT_NAME',
    class: 'input',
    title: '"…" is not a valid reporter name',
    hint: 'use lower-case letters, digits and dashes, optionally scoped: dashboard, @acme/word-bulletin',
  },
  ReporterInvalid: {
    code: 'DUBAN_REPORTER_INVALID',
    class: 'input',
    title: 'reporter plug-in … could not be loaded: …',
    hint: 'declare options with the `z` exported by @duban/reporter-api, e.g. options: z.object({ title: z.string().default("…") })',
  },
  ReporterNoDocx: {
    code: 'DUBAN_REPORTER_NO_DOCX',
    class: 'input',
    title: 'this host gives reporters no DOCX writer, so no .docx can be written',
    hint: 'run the reporter with a duban that has @duban/docx (0.1 or later), or ask for --format pdf',
  },
  ReporterNotFound: {
    code: 'DUBAN_REPORTER_NOT_FOUND',
    class: 'input',
    title: 'reporter … not found: no file …',
    hint: 'check the path; relative paths are resolved from the current directory',
  },
  ReporterOption: {
    code: 'DUBAN_REPORTER_OPTION',
    class: 'input',
    title: 'an option given to a reporter is not one it declares',
    hint: 'remove these options from duban.config.json "reporters" and the --option flags (see: duban report --list)',
  },
  ReporterOptions: {
    code: 'DUBAN_REPORTER_OPTIONS',
    class: 'input',
    title: 'reporter … takes no options, but got: …',
  },
  ReporterOutputPath: {
    code: 'DUBAN_REPORTER_OUTPUT_PATH',
    class: 'input',
    title: 'refusing to write …: it is outside the output directory …',
    hint: 'reporters write only under context.output.dir; use a relative path such as "report.pdf"',
  },
  ReporterLookedIn: {
    code: 'DUBAN_REPORTER_LOOKED_IN',
    class: 'input',
    title: 'one directory a reporter package was looked for in (listed under DUBAN_REPORTER_NOT_FOUND)',
  },
  ReporterResolve: {
    code: 'DUBAN_REPORTER_RESOLVE',
    class: 'input',
    title: 'why a reporter package that was found could not be loaded (listed under DUBAN_REPORTER_NOT_FOUND)',
  },

  // RULES
  RulesBase: {
    code: 'DUBAN_RULES_BASE',
    class: 'input',
    title: "base … is not the sum of the categories' max (…); the base is what the lines are worth",
  },
  RulesCategoryKey: {
    code: 'DUBAN_RULES_CATEGORY_KEY',
    class: 'input',
    title: 'category key "…" is used twice (the bonus line is "…")',
  },
  RulesCategoryRole: {
    code: 'DUBAN_RULES_CATEGORY_ROLE',
    class: 'input',
    title: 'role "…" already falls under category "…"; a task row belongs to one line',
  },
  RulesCondition: {
    code: 'DUBAN_RULES_CONDITION',
    class: 'input',
    title: 'a rule condition is not an all/any/not tree of { fact, operator, value } leaves',
  },
  RulesDuplicateName: {
    code: 'DUBAN_RULES_DUPLICATE_NAME',
    class: 'input',
    title:
      'duplicate rule name "…" (first used at line …); verdicts and deductions name their rule, so names must be unique',
  },
  RulesEventCap: {
    code: 'DUBAN_RULES_EVENT_CAP',
    class: 'input',
    title: '"cap" must be a number ≥ 0: the most points this rule can move per unit',
  },
  RulesEventCategory: {
    code: 'DUBAN_RULES_EVENT_CATEGORY',
    class: 'input',
    title: 'a unit rule needs "category": the score-sheet line it charges (…)',
  },
  RulesEventPoints: {
    code: 'DUBAN_RULES_EVENT_POINTS',
    class: 'input',
    title: 'event has no "points"; a scoring rule must give points (negative to deduct, positive for a bonus)',
  },
  RulesEventReason: {
    code: 'DUBAN_RULES_EVENT_REASON',
    class: 'input',
    title:
      'event needs "reason": a Chinese sentence template such as "进度{{progressRatio}}%，低于序时进度{{elapsedRatio}}%"',
  },
  RulesEventStandard: {
    code: 'DUBAN_RULES_EVENT_STANDARD',
    class: 'input',
    title:
      'event needs "standard": the 评分标准 wording for this rule, with its amount, e.g. "逾期未完成的，每项扣{{points}}分"',
  },
  RulesEventStatus: {
    code: 'DUBAN_RULES_EVENT_STATUS',
    class: 'input',
    title: 'event has no "status"; a status rule must decide one of completed, on_track, at_risk, overdue, not_due',
  },
  RulesFileMissing: {
    code: 'DUBAN_RULES_FILE_MISSING',
    class: 'input',
    title:
      'rule file not found; a rule set directory holds status.json and scoring.json (copy the default rules/ to start)',
  },
  RulesGrades: {
    code: 'DUBAN_RULES_GRADES',
    class: 'input',
    title: 'grades go from the highest min down: … (…) is not below … (…)',
  },
  RulesInvalid: {
    code: 'DUBAN_RULES_INVALID',
    class: 'input',
    title: 'the rule set in … has errors',
    hint: 'run duban rules check to see and fix them',
  },
  RulesJson: {
    code: 'DUBAN_RULES_JSON',
    class: 'input',
    title: 'invalid JSON: …',
  },
  RulesNoFallback: {
    code: 'DUBAN_RULES_NO_FALLBACK',
    class: 'input',
    title:
      'no rule matches every task (conditions { "all": [] }); tasks no rule matches are judged on_track by rule "(none)"',
  },
  RulesNoTask: {
    code: 'DUBAN_RULES_NO_TASK',
    class: 'input',
    title: 'task … is not in the current plan',
  },
  RulesParameterAsFact: {
    code: 'DUBAN_RULES_PARAMETER_AS_FACT',
    class: 'input',
    title:
      '"…" is a parameter (a number), not a fact: compare a fact with it, e.g. { "fact": "scheduleGap", "operator": "greaterThan", "value": { "fact": "…" } }',
  },
  RulesParameterName: {
    code: 'DUBAN_RULES_PARAMETER_NAME',
    class: 'input',
    title: 'parameter "…" has the name of a fact; choose another name',
  },
  RulesPriorityConflict: {
    code: 'DUBAN_RULES_PRIORITY_CONFLICT',
    class: 'input',
    title:
      'rule "…" has the same priority … as rule "…" (line …); when both match, the verdict would depend on file order — give them different priorities (higher wins)',
  },
  RulesRange: {
    code: 'DUBAN_RULES_RANGE',
    class: 'input',
    title: 'range.min … is above range.max …',
  },
  RulesSchema: {
    code: 'DUBAN_RULES_SCHEMA',
    class: 'input',
    title: 'a rule file has an unexpected key or a value of the wrong type',
  },
  RulesTestCase: {
    code: 'DUBAN_RULES_TEST_CASE',
    class: 'input',
    title: 'a rule test case is malformed',
  },
  RulesTestNone: {
    code: 'DUBAN_RULES_TEST_NONE',
    class: 'input',
    title: 'no rule tests found (*.json)',
  },
  RulesTestShape: {
    code: 'DUBAN_RULES_TEST_SHAPE',
    class: 'input',
    title: 'a rule test file is an array of cases, or { "cases": [...] }',
  },
  RulesUnknownFact: {
    code: 'DUBAN_RULES_UNKNOWN_FACT',
    class: 'input',
    title: 'a rule condition names a fact duban does not compute',
  },
  RulesUnknownOperator: {
    code: 'DUBAN_RULES_UNKNOWN_OPERATOR',
    class: 'input',
    title: 'unknown operator "…"; use one of …',
  },
  RulesUnknownPlaceholder: {
    code: 'DUBAN_RULES_UNKNOWN_PLACEHOLDER',
    class: 'input',
    title: 'standard uses {{…}}; only {{points}} and parameters may appear in a standard',
  },

  // SCORESHEET
  ScoresheetEmpty: {
    code: 'DUBAN_SCORESHEET_EMPTY',
    class: 'input',
    title: 'no unit has a score, so there is no score sheet to print',
    hint: 'import a plan with assigned units (duban import) and check the scoring rules with duban scores',
  },
  ScoresheetInvariant: {
    code: 'DUBAN_SCORESHEET_INVARIANT',
    class: 'input',
    title: 'the score of … cannot be printed: its lines break the score-sheet rules',
  },
  ScoresheetLine: {
    code: 'DUBAN_SCORESHEET_LINE',
    class: 'input',
    title: 'one score-sheet line that breaks the rules (listed under DUBAN_SCORESHEET_INVARIANT)',
    hint: 'check rules/scoring.json: every line needs 0 ≤ score ≤ max and the lines must add up to the total',
  },
  ScoresheetOut: {
    code: 'DUBAN_SCORESHEET_OUT',
    class: 'input',
    title: '--out … names a file, but one PDF per unit is written',
    hint: 'give a directory (--out out/scoresheets/), or name one unit with --unit',
  },
  ScoresheetUnit: {
    code: 'DUBAN_SCORESHEET_UNIT',
    class: 'input',
    title: 'no assessed unit is named …',
  },

  // SERVE
  ServeListen: {
    code: 'DUBAN_SERVE_LISTEN',
    class: 'environment',
    title: 'cannot listen on …:…: …',
    hint: 'choose another --port (0 picks a free one) or --host',
  },
  ServeOption: {
    code: 'DUBAN_SERVE_OPTION',
    class: 'input',
    title: 'a numeric option of `duban serve` is not a whole number',
  },

  // STORE
  StoreBadDocument: {
    code: 'DUBAN_STORE_BAD_DOCUMENT',
    class: 'input',
    title: 'the issued document cannot be registered: …',
    hint: 'this is a bug in the program that issued it; report it with this message',
  },
  StoreBadFiling: {
    code: 'DUBAN_STORE_BAD_FILING',
    class: 'input',
    title: 'a 推进方案 filing needs a unit, a milestone and a YYYY-MM-DD date',
    hint: 'validate the filing against the plan before storing it',
  },
  StoreBadPlan: {
    code: 'DUBAN_STORE_BAD_PLAN',
    class: 'input',
    title: "the … does not match duban's schema; nothing was stored",
  },
  StoreBadPlanField: {
    code: 'DUBAN_STORE_BAD_PLAN_FIELD',
    class: 'input',
    title: 'one field of a plan that does not match the schema (listed under DUBAN_STORE_BAD_PLAN)',
    hint: 'this is a bug in the program that produced the plan; report it with the problems above',
  },
  StoreBadReport: {
    code: 'DUBAN_STORE_BAD_REPORT',
    class: 'input',
    title: 'progress report … (task …) holds a value that is not a finite number',
    hint: 'validate reports before storing them: percent and indicator values must be finite numbers',
  },
  StoreBusy: {
    code: 'DUBAN_STORE_BUSY',
    class: 'conflict',
    title: 'the ledger is locked by another duban process and stayed locked past the wait time',
    hint: 'wait for the other process to finish and try again',
  },
  StoreDuplicateTask: {
    code: 'DUBAN_STORE_DUPLICATE_TASK',
    class: 'input',
    title: 'the plan numbers two tasks …; task numbers must be unique within a plan',
    hint: 'fix the numbering in the notice and import it again',
  },
  LedgerHasNoPlan: {
    code: 'DUBAN_STORE_EMPTY',
    class: 'state',
    title: 'the ledger holds no plan yet',
    message: () => 'the ledger holds no plan yet',
    hint: 'import the notice first: duban import NOTICE.txt',
  },
  StoreMissing: {
    code: 'DUBAN_STORE_MISSING',
    class: 'state',
    title: 'no ledger at …',
    hint: 'run `duban import NOTICE` first to create the ledger, or pass --db PATH',
  },
  StoreNotLedger: {
    code: 'DUBAN_STORE_NOT_LEDGER',
    class: 'input',
    title: 'the file given as the ledger is not a duban ledger (not SQLite, or another database)',
    hint: 'pass --db with the ledger file, or a new path to create one',
  },
  StoreOpen: {
    code: 'DUBAN_STORE_OPEN',
    class: 'environment',
    title: 'cannot open the ledger …: …',
    hint: 'check the path and its permissions',
  },
  StorePlanVersion: {
    code: 'DUBAN_STORE_PLAN_VERSION',
    class: 'input',
    title: 'plan version … is not in the ledger',
    hint: 'run `duban import NOTICE` first, or report against an existing plan version',
  },
  StoreSchemaNewer: {
    code: 'DUBAN_STORE_SCHEMA_NEWER',
    class: 'state',
    title: 'the ledger has schema version …; this duban understands up to …',
    hint: 'upgrade duban to the version that wrote this ledger',
  },
  StoreSchemaOlder: {
    code: 'DUBAN_STORE_SCHEMA_OLDER',
    class: 'state',
    title: 'the ledger has schema version … and needs upgrading to …',
    hint: 'take a copy with `duban backup FILE`, then run a command that writes (such as `duban import NOTICE`) to migrate the ledger',
  },

  // TASK
  TaskUnknown: {
    code: 'DUBAN_TASK_UNKNOWN',
    class: 'input',
    title: 'task … is not in plan v…',
  },

  // TASKS
  TasksSectionUnknown: {
    code: 'DUBAN_TASKS_SECTION_UNKNOWN',
    class: 'input',
    title: 'section … is not in plan v…',
  },

  // TEMPLATE
  TemplateMissing: {
    code: 'DUBAN_TEMPLATE_MISSING',
    class: 'environment',
    title: 'template name … must be a path inside the templates directory',
    hint: 'name templates relative to templates/, e.g. bulletin/bulletin.hbs',
  },
  TemplateRender: {
    code: 'DUBAN_TEMPLATE_RENDER',
    class: 'input',
    title: 'template … failed to render: …',
    hint: 'check the helpers and partials the template uses',
  },
  TemplateSyntax: {
    code: 'DUBAN_TEMPLATE_SYNTAX',
    class: 'input',
    title: 'template has a syntax error: …',
    hint: 'fix the Handlebars syntax at that line ({{name}}, {{#each list}}…{{/each}}, {{> partial}})',
  },
  TemplateUnsafe: {
    code: 'DUBAN_TEMPLATE_UNSAFE',
    class: 'input',
    title: 'view … uses {{{ }}}, which prints unescaped text',
    hint: 'use {{value}}: every value must be escaped',
  },

  // UNIT
  UnitUnknown: {
    code: 'DUBAN_UNIT_UNKNOWN',
    class: 'input',
    title: 'a unit named on the command line has no task in the current plan',
  },

  // UNITS
  UnitsField: {
    code: 'DUBAN_UNITS_FIELD',
    class: 'input',
    title: 'one invalid field of the unit directory (listed under the UNITS_INVALID error)',
  },
  UnitsInvalid: {
    code: 'DUBAN_UNITS_INVALID',
    class: 'input',
    title: 'the unit directory has invalid fields',
  },
  UnitsJson: {
    code: 'DUBAN_UNITS_JSON',
    class: 'input',
    title: 'the unit directory is not valid JSON',
  },
  UnitsMissing: {
    code: 'DUBAN_UNITS_MISSING',
    class: 'input',
    title: 'unit directory … does not exist',
    hint: 'check the --units path or the "units" field of duban.config.json',
  },
  UnitsRead: {
    code: 'DUBAN_UNITS_READ',
    class: 'environment',
    title: 'cannot read the unit directory (missing, a directory, not a regular file or too large)',
  },

  // USERS
  UsersRole: {
    code: 'DUBAN_USERS_ROLE',
    class: 'input',
    title: 'unknown role …',
  },

  // WEB
  WebNoReporters: {
    code: 'DUBAN_WEB_NO_REPORTERS',
    class: 'input',
    title: 'this server was started without reporters',
    hint: 'start it with `duban serve`, which wires the reporters',
  },
  WebViews: {
    code: 'DUBAN_WEB_VIEWS',
    class: 'input',
    title: 'no layout.hbs in …',
  },
} as const satisfies Record<string, ErrorData>;

/** The name of a catalog entry. */
export type ErrorName = keyof typeof ERRORS;

/**
 * Released codes that mean the same as a catalog entry. They stay valid (scripts may
 * match on them) and take the entry's class and hint: "the ledger has no plan" now
 * exits the same from every command.
 */
export const ERROR_ALIASES = {
  DUBAN_ACCOUNT_NO_PLAN: 'LedgerHasNoPlan',
  DUBAN_EVALUATE_NO_PLAN: 'LedgerHasNoPlan',
  DUBAN_PROGRESS_NO_PLAN: 'LedgerHasNoPlan',
  DUBAN_REPORT_NO_PLAN: 'LedgerHasNoPlan',
  DUBAN_WEB_NO_PLAN: 'LedgerHasNoPlan',
  DUBAN_REPORT_DATE: 'NotADate',
  DUBAN_REPORTER_INIT_EXISTS: 'TargetExists',
  DUBAN_RULES_INIT_EXISTS: 'TargetExists',
} as const satisfies Record<string, ErrorName>;

/** Every code in the catalog, aliases included. */
export type ErrorCode = (typeof ERRORS)[ErrorName]['code'] | keyof typeof ERROR_ALIASES;

const BY_CODE: ReadonlyMap<string, ErrorData> = new Map<string, ErrorData>([
  ...Object.values(ERRORS).map((e): [string, ErrorData] => [e.code, e]),
  ...Object.entries(ERROR_ALIASES).map(([code, name]): [string, ErrorData] => [code, ERRORS[name]]),
]);

/** The catalog entry for a code (an alias gives its entry); undefined for a plug-in's own code. */
export function errorData(code: string): ErrorData | undefined {
  return BY_CODE.get(code);
}

/** The class of a code; a plug-in's own codes are not catalogued and count as input errors. */
export function errorClass(code: string): ErrorClass {
  return BY_CODE.get(code)?.class ?? 'input';
}
