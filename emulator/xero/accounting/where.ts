import { type Decimal, dec } from './decimal';
import { isGuid, isValidCalendarDate } from './wire';

/**
 * Xero's `where` and `order` query parameters.
 *
 * Xero evaluates `where` with (a descendant of) Microsoft's Dynamic LINQ, so this follows its
 * grammar and its error messages, which Xero passes through as QueryParseException (ErrorNumber
 * 16): "Expression expected", "Operator '==' incompatible with operand types 'Boolean?' and
 * 'String'", "No property or field 'X' exists in type 'Invoice'", ...
 *
 * Grammar (lowest precedence first):
 *   or      := and  (('||' | OR)  and)*
 *   and     := cmp  (('&&' | AND) cmp)*
 *   cmp     := unary (('==' | '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=') unary)*
 *   unary   := ('!' | NOT | '-') unary | postfix
 *   postfix := primary ('.' identifier ('(' args ')')?)*
 *   primary := number | "string" | 'c' | '(' or ')' | true | false | null
 *            | Guid("…") | Guid.Parse("…") | DateTime(y, m, d[, h, m, s]) | DateTime.Parse("…")
 *            | field
 * Keywords, field names and method names are case-insensitive, as in Dynamic LINQ.
 *
 * Semantics chosen where Xero's is unconfirmed (stricter reading):
 * - string equality and Contains/StartsWith/EndsWith are case-sensitive (use ToLower()), while
 *   `<`/`>` and `order` sort case-insensitively (ties broken ordinally), as Xero's ordering does;
 * - a Guid field compares only with Guid("…"), never with a plain string (Dynamic LINQ rule);
 * - a null operand makes <, <=, >, >= false and a method call on null false (SQL-like).
 */

export type ScalarType = 'String' | 'Decimal' | 'DateTime' | 'Boolean' | 'Guid';

export interface EntitySchema {
  name: string;
  /** Field name (Xero's PascalCase) → scalar type, or a nested entity (thunk for cycles). */
  fields: Record<string, ScalarType | (() => EntitySchema)>;
}

export class WhereError extends Error {}

class DateValue {
  constructor(readonly ms: number) {}
}
class GuidValue {
  constructor(readonly id: string) {}
}

type Value = null | string | boolean | Decimal | DateValue | GuidValue | Record<string, unknown>;

type BaseType = ScalarType | 'Int32' | 'Double' | 'Char' | 'Null' | EntitySchema;

interface Typed {
  type: BaseType;
  /** The .NET type name Dynamic LINQ would print. */
  display: string;
}

type Node = Typed &
  (
    | { k: 'lit'; value: Value }
    | { k: 'field'; target: Node | undefined; name: string }
    | { k: 'call'; target: Node; method: string; args: Node[] }
    | { k: 'not'; operand: Node }
    | { k: 'neg'; operand: Node }
    | { k: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
    | { k: 'cmp'; op: CmpOp; left: Node; right: Node }
  );

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

// ---------------------------------------------------------------------------------------------
// Tokenizer

type TokenKind = 'ident' | 'string' | 'char' | 'number' | 'op' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
}

const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '!', '(', ')', ',', '.', '-'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const quote = ch;
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new WhereError('Unterminated string literal');
        const c = source[i] ?? '';
        if (c === '\\' && i + 1 < source.length) {
          text += source[i + 1];
          i += 2;
        } else if (c === quote && source[i + 1] === quote) {
          // Dynamic LINQ escapes a quote by doubling it.
          text += quote;
          i += 2;
        } else if (c === quote) {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      if (quote === "'" && [...text].length !== 1) {
        throw new WhereError('Character literal must contain exactly one character');
      }
      tokens.push({ kind: quote === '"' ? 'string' : 'char', text });
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_@][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new WhereError(`Syntax error '${ch}'`);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser (with Dynamic LINQ's static type checks)

const NUMERIC = new Set<BaseType>(['Decimal', 'Int32', 'Double']);
const isBoolean = (n: Typed) => n.type === 'Boolean';
const typeName = (t: BaseType): string => (typeof t === 'string' ? t : t.name);

function lookupField(schema: EntitySchema, name: string): { name: string; type: BaseType } | undefined {
  const key = Object.keys(schema.fields).find((f) => f.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const spec = schema.fields[key];
  if (spec === undefined) return undefined;
  return { name: key, type: typeof spec === 'function' ? spec() : spec };
}

/** Booleans on Xero's models are nullable (`Boolean?` in its messages); other types print plainly. */
const fieldDisplay = (type: BaseType): string => (type === 'Boolean' ? 'Boolean?' : typeName(type));

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly root: EntitySchema,
  ) {}

  private get token(): Token {
    return this.tokens[this.pos] ?? { kind: 'end', text: '' };
  }
  private next(): Token {
    const t = this.token;
    this.pos++;
    return t;
  }
  private isOp(text: string): boolean {
    return this.token.kind === 'op' && this.token.text === text;
  }
  private isKeyword(word: string): boolean {
    return this.token.kind === 'ident' && this.token.text.toLowerCase() === word;
  }
  private expectOp(text: string, message: string): void {
    if (!this.isOp(text)) throw new WhereError(message);
    this.pos++;
  }

  parse(): Node {
    const node = this.parseOr();
    if (this.token.kind !== 'end') throw new WhereError('Syntax error');
    return node;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isOp('||') || this.isKeyword('or')) {
      const opText = this.next().text;
      const right = this.parseAnd();
      left = logic('or', opText, left, right);
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseComparison();
    while (this.isOp('&&') || this.isKeyword('and')) {
      const opText = this.next().text;
      const right = this.parseComparison();
      left = logic('and', opText, left, right);
    }
    return left;
  }

  private parseComparison(): Node {
    let left = this.parseUnary();
    for (;;) {
      const t = this.token;
      const op = t.kind === 'op' ? COMPARISONS[t.text] : undefined;
      if (!op) return left;
      this.pos++;
      const right = this.parseUnary();
      left = comparison(op, t.text, left, right);
    }
  }

  private parseUnary(): Node {
    if (this.isOp('!') || this.isKeyword('not')) {
      const opText = this.next().text;
      const operand = this.parseUnary();
      if (!isBoolean(operand)) {
        throw new WhereError(`Operator '${opText}' incompatible with operand type '${operand.display}'`);
      }
      return { k: 'not', operand, type: 'Boolean', display: 'Boolean' };
    }
    if (this.isOp('-')) {
      this.pos++;
      const operand = this.parseUnary();
      if (!NUMERIC.has(operand.type)) {
        throw new WhereError(`Operator '-' incompatible with operand type '${operand.display}'`);
      }
      return { k: 'neg', operand, type: operand.type, display: operand.display };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    while (this.isOp('.')) {
      this.pos++;
      if (this.token.kind !== 'ident') throw new WhereError('Identifier expected');
      const name = this.next().text;
      if (this.isOp('(')) {
        node = this.methodCall(node, name, this.parseArguments());
        continue;
      }
      if (typeof node.type === 'string') {
        throw new WhereError(`No property or field '${name}' exists in type '${node.display}'`);
      }
      const field = lookupField(node.type, name);
      if (!field) throw new WhereError(`No property or field '${name}' exists in type '${node.type.name}'`);
      node = {
        k: 'field',
        target: node,
        name: field.name,
        type: field.type,
        display: fieldDisplay(field.type),
      };
    }
    return node;
  }

  private parseArguments(): Node[] {
    this.expectOp('(', "'(' expected");
    const args: Node[] = [];
    if (this.isOp(')')) {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.parseOr());
      if (this.isOp(',')) {
        this.pos++;
        continue;
      }
      this.expectOp(')', "')' or ',' expected");
      return args;
    }
  }

  private methodCall(target: Node, name: string, args: Node[]): Node {
    const method = name.toLowerCase();
    const stringArg = args.length === 1 && args[0]?.type === 'String';
    if (target.type === 'String') {
      if (['contains', 'startswith', 'endswith'].includes(method) && stringArg) {
        return { k: 'call', target, method, args, type: 'Boolean', display: 'Boolean' };
      }
      if (['tolower', 'toupper', 'trim'].includes(method) && args.length === 0) {
        return { k: 'call', target, method, args, type: 'String', display: 'String' };
      }
    }
    if (method === 'tostring' && args.length === 0 && typeof target.type === 'string') {
      return { k: 'call', target, method, args, type: 'String', display: 'String' };
    }
    throw new WhereError(`No applicable method '${name}' exists in type '${target.display}'`);
  }

  private parsePrimary(): Node {
    const t = this.token;
    if (t.kind === 'number') {
      this.pos++;
      const type = t.text.includes('.') ? 'Double' : 'Int32';
      return { k: 'lit', value: dec(t.text), type, display: type };
    }
    if (t.kind === 'string') {
      this.pos++;
      return { k: 'lit', value: t.text, type: 'String', display: 'String' };
    }
    if (t.kind === 'char') {
      this.pos++;
      return { k: 'lit', value: t.text, type: 'Char', display: 'Char' };
    }
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.parseOr();
      this.expectOp(')', "')' or operator expected");
      return inner;
    }
    if (t.kind !== 'ident') throw new WhereError('Expression expected');
    this.pos++;
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') {
      return { k: 'lit', value: word === 'true', type: 'Boolean', display: 'Boolean' };
    }
    if (word === 'null') return { k: 'lit', value: null, type: 'Null', display: 'Object' };
    if (word === 'guid' && (this.isOp('(') || this.isOp('.'))) return this.guidLiteral();
    if (word === 'datetime' && (this.isOp('(') || this.isOp('.'))) return this.dateTimeLiteral();
    const field = lookupField(this.root, t.text);
    if (!field) throw new WhereError(`No property or field '${t.text}' exists in type '${this.root.name}'`);
    return {
      k: 'field',
      target: undefined,
      name: field.name,
      type: field.type,
      display: fieldDisplay(field.type),
    };
  }

  /** `Parse` after `Type.`, if present. */
  private skipParse(typeName: string): void {
    if (!this.isOp('.')) return;
    this.pos++;
    const t = this.next();
    if (t.kind !== 'ident' || t.text.toLowerCase() !== 'parse') {
      throw new WhereError(`No property or field '${t.text}' exists in type '${typeName}'`);
    }
  }

  private guidLiteral(): Node {
    this.skipParse('Guid');
    const args = this.parseArguments();
    const arg = args[0];
    if (args.length !== 1 || arg?.k !== 'lit' || typeof arg.value !== 'string') {
      throw new WhereError("No applicable constructor exists in type 'Guid'");
    }
    if (!isGuid(arg.value)) {
      throw new WhereError(
        'Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
      );
    }
    return { k: 'lit', value: new GuidValue(arg.value.toLowerCase()), type: 'Guid', display: 'Guid' };
  }

  private dateTimeLiteral(): Node {
    const viaParse = this.isOp('.');
    this.skipParse('DateTime');
    const args = this.parseArguments();
    if (viaParse) {
      const arg = args[0];
      const ms =
        args.length === 1 && arg?.k === 'lit' && typeof arg.value === 'string'
          ? parseDateTimeText(arg.value)
          : NaN;
      if (Number.isNaN(ms)) throw new WhereError('String was not recognized as a valid DateTime.');
      return { k: 'lit', value: new DateValue(ms), type: 'DateTime', display: 'DateTime' };
    }
    const parts = args.map((a) =>
      a.k === 'lit' && a.type === 'Int32' ? Number((a.value as Decimal).toString()) : NaN,
    );
    if ((parts.length !== 3 && parts.length !== 6) || parts.some(Number.isNaN)) {
      throw new WhereError("No applicable constructor exists in type 'DateTime'");
    }
    const [y = 0, m = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
    if (!isValidCalendarDate(y, m, d) || h > 23 || mi > 59 || s > 59) {
      throw new WhereError('Year, Month, and Day parameters describe an un-representable DateTime.');
    }
    return {
      k: 'lit',
      value: new DateValue(Date.UTC(y, m - 1, d, h, mi, s)),
      type: 'DateTime',
      display: 'DateTime',
    };
  }
}

const COMPARISONS: Record<string, CmpOp | undefined> = {
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** ISO text for DateTime.Parse; without a zone it is UTC, like Xero's dates. */
function parseDateTimeText(text: string): number {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Date.parse(`${trimmed}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) return Date.parse(`${trimmed}Z`);
  return Date.parse(trimmed);
}

function logic(op: 'and' | 'or', opText: string, left: Node, right: Node): Node {
  if (!isBoolean(left) || !isBoolean(right)) {
    throw new WhereError(
      `Operator '${opText}' incompatible with operand types '${left.display}' and '${right.display}'`,
    );
  }
  return { k: 'logic', op, left, right, type: 'Boolean', display: 'Boolean' };
}

function comparison(op: CmpOp, opText: string, left: Node, right: Node): Node {
  const compatible =
    left.type === 'Null' ||
    right.type === 'Null' ||
    (NUMERIC.has(left.type) && NUMERIC.has(right.type)) ||
    (typeof left.type === 'string' && left.type === right.type);
  const relational = op !== '==' && op !== '!=';
  const ordered = !(relational && (left.type === 'Boolean' || right.type === 'Boolean'));
  if (!compatible || !ordered || (relational && (left.type === 'Null' || right.type === 'Null'))) {
    throw new WhereError(
      `Operator '${opText}' incompatible with operand types '${left.display}' and '${right.display}'`,
    );
  }
  return { k: 'cmp', op, left, right, type: 'Boolean', display: 'Boolean' };
}

// ---------------------------------------------------------------------------------------------
// Evaluation against a record in Xero's wire format

type WireRecord = Record<string, unknown>;

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** A wire value read as the field's declared type. */
function fromWire(raw: unknown, type: BaseType): Value {
  if (raw === undefined || raw === null) return null;
  if (typeof type !== 'string') return typeof raw === 'object' ? (raw as WireRecord) : null;
  switch (type) {
    case 'String':
      return typeof raw === 'string' ? raw : null;
    case 'Decimal':
      return typeof raw === 'number' ? dec(raw) : null;
    case 'Boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'Guid':
      return typeof raw === 'string' ? new GuidValue(raw.toLowerCase()) : null;
    case 'DateTime': {
      const m = typeof raw === 'string' ? MS_DATE.exec(raw) : null;
      return m ? new DateValue(Number(m[1])) : null;
    }
    default:
      return null;
  }
}

function evaluate(node: Node, record: WireRecord): Value {
  switch (node.k) {
    case 'lit':
      return node.value;
    case 'field': {
      const owner = node.target ? evaluate(node.target, record) : record;
      if (
        owner === null ||
        typeof owner !== 'object' ||
        owner instanceof DateValue ||
        owner instanceof GuidValue
      ) {
        return null;
      }
      return fromWire((owner as WireRecord)[node.name], node.type);
    }
    case 'call':
      return callMethod(
        node.method,
        evaluate(node.target, record),
        node.args.map((a) => evaluate(a, record)),
      );
    case 'not': {
      const v = evaluate(node.operand, record);
      return v === null ? null : !v;
    }
    case 'neg': {
      const v = evaluate(node.operand, record);
      return v === null ? null : (v as Decimal).times(-1);
    }
    case 'logic': {
      const left = evaluate(node.left, record) === true;
      if (node.op === 'and') return left && evaluate(node.right, record) === true;
      return left || evaluate(node.right, record) === true;
    }
    case 'cmp':
      return compareValues(node.op, evaluate(node.left, record), evaluate(node.right, record));
  }
}

function callMethod(method: string, target: Value, args: Value[]): Value {
  if (target === null) return null;
  if (method === 'tostring') return stringOf(target);
  if (typeof target !== 'string') return null;
  const arg = typeof args[0] === 'string' ? args[0] : null;
  switch (method) {
    case 'contains':
      return arg === null ? null : target.includes(arg);
    case 'startswith':
      return arg === null ? null : target.startsWith(arg);
    case 'endswith':
      return arg === null ? null : target.endsWith(arg);
    case 'tolower':
      return target.toLowerCase();
    case 'toupper':
      return target.toUpperCase();
    case 'trim':
      return target.trim();
    default:
      return null;
  }
}

function stringOf(value: Value): string {
  if (value instanceof GuidValue) return value.id;
  if (value instanceof DateValue) return new Date(value.ms).toISOString();
  if (typeof value === 'object' && value !== null && 'toFixed' in value) return (value as Decimal).toString();
  return String(value);
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Strings order case-insensitively, as Xero's (SQL Server) ordering does ("icare" before
 * "Walk-in"); strings that differ only in case are then ordered ordinally, so that 0 still means
 * "equal" and `==` stays case-sensitive.
 */
const stringOrder = (a: string, b: string): number =>
  ordinal(a.toLowerCase(), b.toLowerCase()) || ordinal(a, b);

/** -1/0/1 for two non-null values of compatible types. */
function order(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (a instanceof DateValue && b instanceof DateValue) return Math.sign(a.ms - b.ms);
  if (a instanceof GuidValue && b instanceof GuidValue) return ordinal(a.id, b.id);
  if (typeof a === 'string' && typeof b === 'string') return stringOrder(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'object' && typeof b === 'object' && 'cmp' in a && 'cmp' in b) {
    return (a as Decimal).cmp(b as Decimal);
  }
  return 0;
}

function compareValues(op: CmpOp, left: Value, right: Value): boolean {
  if (left === null || right === null) {
    if (op === '==') return left === right;
    if (op === '!=') return left !== right;
    return false;
  }
  const c = order(left, right);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Compiles a `where` expression for records of `schema`; throws WhereError like Xero's 400. */
export function compileWhere(source: string, schema: EntitySchema): (record: WireRecord) => boolean {
  const tokens = tokenize(source);
  if (tokens.length === 1) throw new WhereError('Expression expected');
  const node = new Parser(tokens, schema).parse();
  if (!isBoolean(node)) throw new WhereError("Expression of type 'Boolean' expected");
  return (record) => evaluate(node, record) === true;
}

/**
 * Compiles an `order` parameter: `Name`, `Date DESC`, `Contact.Name ASC, InvoiceNumber`.
 * Nulls sort first ascending. Returns a comparator for wire records.
 */
export function compileOrder(source: string, schema: EntitySchema): (a: WireRecord, b: WireRecord) => number {
  const keys = source
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const m = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\s+(asc|ascending|desc|descending))?$/i.exec(part);
      if (!m?.[1]) throw new WhereError('Syntax error');
      const path = m[1].split('.');
      const node = new Parser(
        [...path.flatMap((p, i) => (i === 0 ? [ident(p)] : [dot, ident(p)])), end],
        schema,
      ).parse();
      if (typeof node.type !== 'string') {
        throw new WhereError(`Expression of type '${node.display}' cannot be used for ordering`);
      }
      return { node, desc: (m[2] ?? 'asc').toLowerCase().startsWith('desc') };
    });
  return (a, b) => {
    for (const key of keys) {
      const va = evaluate(key.node, a);
      const vb = evaluate(key.node, b);
      let c: number;
      if (va === null || vb === null) c = va === vb ? 0 : va === null ? -1 : 1;
      else c = order(va, vb);
      if (c !== 0) return key.desc ? -c : c;
    }
    return 0;
  };
}

const ident = (text: string): Token => ({ kind: 'ident', text });
const dot: Token = { kind: 'op', text: '.' };
const end: Token = { kind: 'end', text: '' };
