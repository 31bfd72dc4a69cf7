// Typed button data for the staff features, as src/survey/callback-data.ts is for the survey: a feature
// declares its actions once (a short tag and typed fields each) and gets an encoder and a decoder that
// agree by construction. Wire form: "x:<prefix>:<tag>[:<field>…]". The data comes back from the client
// unverified, so decode answers null for anything that is not exactly an action of the schema (an old
// message, a forged or garbled press), and the feature replies with the stale-button message.
// Every action's longest possible encoding is checked against Telegram's 64-byte callback_data limit when
// the codec is built, so an oversized button is a start-up error rather than a refused message later.

/** A member, announcement or dialogue id: letters, digits, '-' and '_' (no ':'). */
type IdField = { type: "id" };
/** A non-negative integer without leading zeros (database serials, versions, indices). */
type IntField = { type: "int" };
/** An official index or unit code ("SIPAS", "PAR_INDEX", "VN-MIN", "20"), or indices together ("PAR_INDEX+SIPAS"). */
type CodeField = { type: "code" };
type EnumField<V extends string = string> = { type: "enum"; values: readonly V[] };
export type Field = IdField | IntField | CodeField | EnumField;

export const field = {
  id: { type: "id" } as IdField,
  int: { type: "int" } as IntField,
  code: { type: "code" } as CodeField,
  oneOf: <const V extends string>(...values: V[]): EnumField<V> => ({ type: "enum", values }),
};

const PATTERN: Record<Exclude<Field["type"], "enum">, RegExp> = {
  id: /^[A-Za-z0-9_-]{1,32}$/,
  int: /^(?:0|[1-9]\d{0,8})$/,
  code: /^[A-Za-z0-9_.+-]{1,20}$/,
};
const LONGEST: Record<Exclude<Field["type"], "enum">, number> = { id: 32, int: 9, code: 20 };
const ENUM_VALUE = /^[a-z0-9]{1,8}$/;
const TAG = /^[a-z]{1,3}$/;
const PREFIX = /^[a-z]{1,8}$/;

/** Telegram's callback_data limit, in bytes. */
export const MAX_BUTTON_BYTES = 64;

export type ButtonSchema = Record<string, { tag: string; fields?: Record<string, Field> }>;

type ValueOf<F> = F extends EnumField<infer V> ? V : F extends IntField ? number : string;
type FieldsOf<A> = A extends { fields: infer F extends Record<string, Field> } ? { -readonly [K in keyof F]: ValueOf<F[K]> } : unknown;
type Flat<T> = { [K in keyof T]: T[K] };

/** The actions a schema describes: `{ kind, ...fields }`, one member of the union per action. */
export type ButtonAction<S extends ButtonSchema> = { [K in keyof S & string]: Flat<{ kind: K } & FieldsOf<S[K]>> }[keyof S & string];

/** The actions of a codec: `ActionOf<typeof someButtons>`. */
export type ActionOf<C> = C extends ButtonCodec<infer S> ? ButtonAction<S> : never;

export interface ButtonCodec<S extends ButtonSchema> {
  /** The router hands data beginning with "x:<prefix>:" to the feature with this prefix. */
  readonly prefix: string;
  /** The full callback data. Throws for a value that does not fit its field: a bug, never input. */
  encode(action: ButtonAction<S>): string;
  /** The action in the data after "x:<prefix>:" (what the router passes a feature), or null. */
  decode(rest: string): ButtonAction<S> | null;
  /** The longest data each action can encode to, in bytes (for tests and the start-up check). */
  longest(): Record<keyof S & string, number>;
}

interface Spec {
  kind: string;
  tag: string;
  fields: [name: string, f: Field][];
}

function valid(f: Field, raw: string): boolean {
  return f.type === "enum" ? f.values.includes(raw) : PATTERN[f.type].test(raw);
}

function longestValue(f: Field): number {
  return f.type === "enum" ? Math.max(...f.values.map((v) => v.length)) : LONGEST[f.type];
}

export function buttonCodec<const S extends ButtonSchema>(prefix: string, schema: S): ButtonCodec<S> {
  if (!PREFIX.test(prefix)) throw new Error(`button prefix "${prefix}" must be 1–8 lower-case letters`);
  const specs: Spec[] = Object.entries(schema).map(([kind, a]) => ({ kind, tag: a.tag, fields: Object.entries(a.fields ?? {}) }));
  const head = `x:${prefix}:`;
  const sizes = {} as Record<string, number>;
  const seen = new Set<string>();
  for (const s of specs) {
    if (!TAG.test(s.tag)) throw new Error(`button tag "${s.tag}" (${s.kind}) must be 1–3 lower-case letters`);
    // One tag may serve actions of different lengths ("ri" and "ri:SIPAS"); the field count tells them apart.
    const key = `${s.tag}/${s.fields.length}`;
    if (seen.has(key)) throw new Error(`button tag "${s.tag}" with ${s.fields.length} field(s) is declared twice`);
    seen.add(key);
    for (const [name, f] of s.fields) {
      if (f.type === "enum" && (f.values.length === 0 || !f.values.every((v) => ENUM_VALUE.test(v)))) {
        throw new Error(`button field ${s.kind}.${name}: enum values must be 1–8 lower-case letters or digits`);
      }
    }
    sizes[s.kind] = head.length + s.tag.length + s.fields.reduce((n, [, f]) => n + 1 + longestValue(f), 0);
    if (sizes[s.kind]! > MAX_BUTTON_BYTES) throw new Error(`button ${prefix}.${s.kind} can take ${sizes[s.kind]} bytes, more than ${MAX_BUTTON_BYTES}`);
  }
  const byKind = new Map(specs.map((s) => [s.kind, s]));

  return {
    prefix,
    encode(action) {
      const a = action as unknown as Record<string, unknown> & { kind: string };
      const s = byKind.get(a.kind);
      if (!s) throw new Error(`no button ${prefix}.${a.kind}`);
      const parts = [s.tag];
      for (const [name, f] of s.fields) {
        const raw = String(a[name]);
        if (!valid(f, raw)) throw new Error(`button ${prefix}.${s.kind}: ${name} "${raw}" does not fit its field`);
        parts.push(raw);
      }
      return head + parts.join(":");
    },
    decode(rest) {
      if (rest.length > MAX_BUTTON_BYTES) return null;
      const [tag, ...raw] = rest.split(":");
      const s = specs.find((x) => x.tag === tag && x.fields.length === raw.length);
      if (!s || !s.fields.every(([, f], i) => valid(f, raw[i]!))) return null;
      const out: Record<string, unknown> = { kind: s.kind };
      s.fields.forEach(([name, f], i) => (out[name] = f.type === "int" ? Number(raw[i]) : raw[i]));
      return out as ButtonAction<S>;
    },
    longest: () => ({ ...sizes }) as Record<keyof S & string, number>,
  };
}
