import type { EnumType, FieldInfo, LgType, RecordType } from "@leadgate/language";
import { CodeWriter } from "./code-writer.js";
import { commentText, jsString, jsValue, propertyAccess, propertyKey } from "./js-literals.js";

/**
 * The fast path of a compiled policy's `safeParseLead`: `readLead(input)`, plain JavaScript
 * generated from the checker's record types, the same input as the zod schema (lead-schema.ts).
 *
 * It returns exactly what `LeadSchema.safeParse(input).data` would be, or `undefined`. `undefined`
 * means "ask zod": the input is invalid, or it is not the plain data JSON.parse makes, and zod
 * judges it and words every error. So the reader only has to be right when it answers, and has
 * to answer for every valid lead JSON.parse can give (else nothing is gained).
 *
 * What it copies from zod 4, each fact pinned by lead-reader.test.ts:
 * - output: the policy's fields in the policy's order, whatever the input's order; unknown fields
 *   stripped; an optional field kept when its key is present (as `null`, or `undefined`) and left
 *   out when absent; new objects and arrays, never the input's;
 * - a field is read as zod reads it, `input.name` (inherited properties and getters included), and
 *   is present when `name in input`;
 * - a record is any non-array object to zod; the reader takes only objects whose prototype is
 *   Object.prototype and leaves the rest (null prototypes, class instances) to zod;
 * - a list passes Array.isArray and is read by index up to its length, so a hole reads as
 *   `undefined` and fails;
 * - integer: `Number.isSafeInteger` (`-0` passes, and stays `-0`); number: `Number.isFinite`;
 *   email and date: the very RegExp objects `z.email()` and `z.iso.date()` test; enum: one of the
 *   member strings;
 * - zod never outputs a field named `__proto__`, so a record with one is left to zod whole.
 */

/** Names of the policy language (see its lexer): only these become parts of identifiers. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Writes `readLead(input)` and everything it calls: constants, then one function per record and per list. */
export function writeLeadReader(w: CodeWriter, lead: RecordType): void {
  new LeadReader(lead).write(w);
}

class LeadReader {
  private readonly names = new Set<string>();
  private readonly recordFunctions = new Map<RecordType, string>();
  private readonly listFunctions = new Map<string, string>();
  /** Writers of the functions still to write, in the order they were first called. */
  private readonly pending: Array<(w: CodeWriter) => void> = [];
  private readonly enums: Array<{ readonly name: string; readonly type: EnumType }> = [];
  private usesEmail = false;
  private unnamedRecords = 0;

  constructor(private readonly lead: RecordType) {}

  write(w: CodeWriter): void {
    this.recordFunction(this.lead, "readLead", "lead");
    // Functions are generated in the order they are first called (breadth first), each once.
    const functions: string[] = [];
    for (let i = 0; i < this.pending.length; i++) {
      const fw = new CodeWriter();
      this.pending[i]!(fw);
      functions.push(fw.toString().trimEnd());
    }

    w.line("// The fast path of safeParseLead, generated from the same lead declaration as LeadSchema. Each");
    w.line("// function returns what zod would return as data (the policy's fields in its order, unknown fields");
    w.line("// stripped, an optional field kept when its key is present and left out when absent, new objects");
    w.line("// and arrays), or undefined to leave the input to zod: invalid input, and anything JSON.parse does");
    w.line("// not make. Fields are read as zod reads them: `input.name`, and `name in input` for presence.");
    if (this.usesEmail) {
      w.line();
      w.line("// zod's own pattern, from its schema: the fast path accepts exactly the emails zod does. (A zod");
      w.line("// without `def.pattern` gets a pattern that matches nothing, which sends them all to zod.) Dates");
      w.line("// are checked by rt.isIsoDate, which accepts exactly what z.iso.date() does.");
      w.line("const EMAIL_PATTERN = z.email().def.pattern ?? /(?!)/;");
    }
    if (this.enums.length > 0) {
      w.line();
      w.line("// The members of each enum field, as z.enum checks them.");
      for (const { name, type } of this.enums) {
        w.line(`// ${commentText(type.origin)}`);
        w.lines_(`const ${name} = new Set(${jsValue([...type.members])});`);
      }
    }
    w.line();
    w.line("// What JSON.parse makes. zod takes any other non-array object too: those are left to it.");
    w.block("function isPlainObject(value) {", () => {
      w.line(
        'return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;',
      );
    });
    w.line();
    for (const text of functions) w.lines_(text).line();
  }

  // ------------------------------------------------------------ records

  /** The function that reads `record`, queued for writing on first use. */
  private recordFunction(record: RecordType, name: string, path: string): string {
    const existing = this.recordFunctions.get(record);
    if (existing) return existing;
    this.claim(name);
    this.recordFunctions.set(record, name);
    this.pending.push((w) => this.writeRecordFunction(w, record, name, path));
    return name;
  }

  /** Named records get `read_<name>`, like their `record_<name>_schema`; inline ones are named after their field. */
  private recordFunctionFor(record: RecordType, owner: string, field: FieldInfo, index: number, path: string): string {
    if (record.name !== undefined) {
      const existing = this.recordFunctions.get(record);
      if (existing) return existing;
      const name = PLAIN_NAME.test(record.name) ? `read_${record.name}` : `read$${++this.unnamedRecords}`;
      return this.recordFunction(record, name, record.name);
    }
    // `$` never occurs in a policy name, so `<owner>$<field>` cannot clash with another function.
    return this.recordFunction(record, `${owner}$${PLAIN_NAME.test(field.name) ? field.name : index}`, path);
  }

  private writeRecordFunction(w: CodeWriter, record: RecordType, name: string, path: string): void {
    if (name === "readLead") {
      w.line(
        "/** safeParseLead's fast path: the lead exactly as LeadSchema.safeParse(input).data, or undefined for zod to judge. */",
      );
    } else if (record.name !== undefined) {
      w.line(`// The ${commentText(record.name)} record.`);
    } else {
      w.line(`// ${commentText(path)}: an inline record.`);
    }
    w.block(`function ${name}(input) {`, () => {
      if (record.fields.some((f) => f.name === "__proto__")) {
        w.line("// zod leaves a field named __proto__ out of its data: this record is zod's to read.");
        w.line("return undefined;");
        return;
      }
      w.line("if (!isPlainObject(input)) return undefined;");
      const locals = record.fields.map((field, index) => this.writeField(w, field, index, name, path));
      this.writeResult(w, record.fields, locals);
    });
  }

  /** Reads and checks one field into a local; returns the local's name. */
  private writeField(w: CodeWriter, field: FieldInfo, index: number, owner: string, path: string): string {
    const local = PLAIN_NAME.test(field.name) ? `v_${field.name}` : `v${index}`;
    const read = propertyAccess("input", field.name);
    const type = field.type;
    const fieldPath = `${path}.${field.name}`;
    if (type.kind === "record" || type.kind === "list") {
      const reader =
        type.kind === "record"
          ? this.recordFunctionFor(type, owner, field, index, fieldPath)
          : this.listFunction(this.recordFunctionFor(type.element, owner, field, index, `${fieldPath}[]`));
      if (field.optional) {
        w.line(`let ${local} = ${read};`);
        w.block(`if (${local} != null) {`, () => {
          w.line(`${local} = ${reader}(${local});`);
          w.line(`if (${local} === undefined) return undefined;`);
        });
      } else {
        w.line(`const ${local} = ${reader}(${read});`);
        w.line(`if (${local} === undefined) return undefined;`);
      }
      return local;
    }
    const invalid = this.invalid(type, local);
    w.line(`const ${local} = ${read};`);
    // null and undefined both mean "missing" for an optional field, as with zod's .nullish().
    const grouped = invalid.includes(" || ") ? `(${invalid})` : invalid;
    w.line(
      field.optional ? `if (${local} != null && ${grouped}) return undefined;` : `if (${invalid}) return undefined;`,
    );
    return local;
  }

  /** The new object: the policy's fields in its order, optional ones only where zod keeps them. */
  private writeResult(w: CodeWriter, fields: readonly FieldInfo[], locals: readonly string[]): void {
    const entry = (i: number) => `${propertyKey(fields[i]!.name)}: ${locals[i]}`;
    const firstOptional = fields.findIndex((f) => f.optional);
    const leading = (firstOptional === -1 ? fields : fields.slice(0, firstOptional)).map((_, i) => entry(i));
    const literal = (prefix: string, suffix: string) => {
      const oneLine = `${prefix}{ ${leading.join(", ")} }${suffix}`;
      if (leading.length === 0) w.line(`${prefix}{}${suffix}`);
      else if (oneLine.length <= 100) w.line(oneLine);
      else w.block(`${prefix}{`, () => leading.forEach((e) => w.line(`${e},`)), `}${suffix}`);
    };
    if (firstOptional === -1) {
      literal("return ", ";");
      return;
    }
    literal("const out = ", ";");
    for (let i = firstOptional; i < fields.length; i++) {
      const { name, optional } = fields[i]!;
      const assign = `${propertyAccess("out", name)} = ${locals[i]};`;
      // zod keeps a present key even when its value is undefined, and adds no key for an absent one.
      w.line(optional ? `if (${locals[i]} !== undefined || ${jsString(name)} in input) ${assign}` : assign);
    }
    w.line("return out;");
  }

  // ------------------------------------------------------------ lists and values

  /** The function that reads a list of the records `item` reads, like z.array: a new array, or undefined. */
  private listFunction(item: string): string {
    const existing = this.listFunctions.get(item);
    if (existing) return existing;
    // Record functions all start with `read_`, `read$` or `readLead`, so `readEach...` names cannot clash.
    const name = `readEach${item.slice("read".length)}`;
    this.claim(name);
    this.listFunctions.set(item, name);
    this.pending.push((w) => {
      w.line(`// A list read by ${item}, item by item up to its length, as z.array does: a hole fails.`);
      w.block(`function ${name}(input) {`, () => {
        w.line("if (!Array.isArray(input)) return undefined;");
        w.line("const out = [];");
        w.block("for (let i = 0; i < input.length; i++) {", () => {
          w.line(`const item = ${item}(input[i]);`);
          w.line("if (item === undefined) return undefined;");
          w.line("out.push(item);");
        });
        w.line("return out;");
      });
    });
    return name;
  }

  /** A JS condition that is true when `local` is not a valid value of a primitive or enum type. */
  private invalid(type: LgType, local: string): string {
    switch (type.kind) {
      case "text":
        return `typeof ${local} !== "string"`;
      case "email":
        this.usesEmail = true;
        return `typeof ${local} !== "string" || !EMAIL_PATTERN.test(${local})`;
      case "integer":
        return `!Number.isSafeInteger(${local})`;
      case "number":
        return `!Number.isFinite(${local})`;
      case "boolean":
        return `typeof ${local} !== "boolean"`;
      case "date":
        return `typeof ${local} !== "string" || !rt.isIsoDate(${local})`;
      case "enum": {
        const name = `ENUM_${this.enums.length + 1}`;
        this.enums.push({ name, type });
        return `!${name}.has(${local})`;
      }
      case "record":
      case "list":
      case "error":
        throw new Error(`internal: no value check for a ${type.kind}`);
    }
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`internal: two lead reader functions named ${name}`);
    this.names.add(name);
  }
}
