import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/errors.ts";
import { parseQuestionnaire } from "../../src/survey/questionnaire.ts";
import {
  DEFAULT_QUESTIONNAIRE_ID,
  getQuestionnaire,
  listQuestionnaires,
} from "../../src/survey/questionnaires/index.ts";
import { sipasServices } from "../../src/survey/questionnaires/sipas-services.ts";
import { sipasShort } from "../../src/survey/questionnaires/sipas-short.ts";
import { ELEMENTS, type Questionnaire } from "../../src/survey/types.ts";

const elementsOf = (q: Questionnaire) => q.items.flatMap((i) => (i.kind === "likert" && i.element ? [i.element] : []));

describe("shipped questionnaires", () => {
  it.each([sipasShort, sipasServices])("$id parses unchanged", (q) => {
    expect(parseQuestionnaire(q)).toEqual(q);
  });

  it.each([sipasShort, sipasServices])("$id covers every element, has unique ids and bilingual text", (q) => {
    expect(new Set(elementsOf(q))).toEqual(new Set(ELEMENTS));
    const ids = q.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of q.items) {
      expect(item.text.vi.trim()).not.toBe("");
      expect(item.text.en.trim()).not.toBe("");
      if (item.kind === "choice") {
        for (const o of item.options) {
          expect(o.text.vi.trim()).not.toBe("");
          expect(o.text.en.trim()).not.toBe("");
        }
      }
    }
  });

  it.each([sipasShort, sipasServices])("$id ends with a required overall item and an optional comment", (q) => {
    const overall = q.items.find((i) => i.id === "overall");
    expect(overall).toMatchObject({ kind: "likert", element: null, optional: false });
    expect(q.items.at(-1)).toMatchObject({ id: "comment", kind: "text", optional: true, maxLength: 1000 });
  });

  it.each([sipasShort, sipasServices])("$id makes only feedback likert items optional", (q) => {
    for (const item of q.items) {
      if (item.kind === "likert") expect(item.optional).toBe(item.element === "feedback");
    }
  });

  it("short form: 5 element items + overall + improve + comment", () => {
    expect(sipasShort.items.map((i) => i.id)).toEqual([
      "access",
      "procedures",
      "civil_servants",
      "results",
      "feedback",
      "overall",
      "improve",
      "comment",
    ]);
    expect(elementsOf(sipasShort)).toEqual([...ELEMENTS]);
    expect(sipasShort.items.find((i) => i.id === "feedback")?.text.vi).toMatch(/bỏ qua nếu chưa từng góp ý/i);
    expect(sipasShort.items.find((i) => i.id === "feedback")?.text.en).toMatch(/skip if you never gave feedback/i);
  });

  it("short form: improve is an optional choice of at most 6 short options", () => {
    const improve = sipasShort.items.find((i) => i.id === "improve");
    if (improve?.kind !== "choice") throw new Error("improve must be a choice item");
    expect(improve.optional).toBe(true);
    expect(improve.options.length).toBeGreaterThanOrEqual(2);
    expect(improve.options.length).toBeLessThanOrEqual(6);
    for (const o of improve.options) {
      expect([...o.text.vi].length).toBeLessThanOrEqual(40);
      expect([...o.text.en].length).toBeLessThanOrEqual(40);
    }
  });

  it("services form: the 19 SIPAS service items Q9.15–Q9.33 in order, then overall and comment", () => {
    const ids = sipasServices.items.map((i) => i.id);
    expect(ids).toHaveLength(21);
    expect(ids.slice(0, 19)).toEqual(Array.from({ length: 19 }, (_, k) => `q9_${k + 15}`));
    expect(ids.slice(19)).toEqual(["overall", "comment"]);
  });

  it("services form: elements match the reference item list", () => {
    const csv = readFileSync("/work/shared/reference/sipas_questionnaire_2023_satisfaction_items.csv", "utf8");
    const expected: Record<string, string> = {};
    const byHeading: [RegExp, string][] = [
      [/^1\. /, "access"],
      [/^2\. /, "procedures"],
      [/^3\. /, "civil_servants"],
      [/^4\. /, "results"],
      [/^5\. /, "feedback"],
    ];
    for (const line of csv.split("\n")) {
      const m = /^Q9\.(\d+),II [^,]+,"?([^,"]+)/.exec(line);
      const element = m && byHeading.find(([re]) => re.test(m[2]!))?.[1];
      if (m && element) expected[`q9_${m[1]}`] = element;
    }
    const actual = Object.fromEntries(
      sipasServices.items.flatMap((i) => (i.kind === "likert" && i.element ? [[i.id, i.element]] : [])),
    );
    expect(actual).toEqual(expected);
  });
});

describe("registry", () => {
  it("returns the default questionnaire at its latest version", () => {
    expect(DEFAULT_QUESTIONNAIRE_ID).toBe("sipas-short");
    expect(getQuestionnaire(DEFAULT_QUESTIONNAIRE_ID)).toEqual(sipasShort);
    expect(getQuestionnaire("sipas-services", 1)).toEqual(sipasServices);
  });

  it("returns undefined for unknown ids and versions", () => {
    expect(getQuestionnaire("nope")).toBeUndefined();
    expect(getQuestionnaire("sipas-short", 99)).toBeUndefined();
  });

  it("lists every shipped questionnaire", () => {
    expect(listQuestionnaires().map((q) => `${q.id}@${q.version}`)).toEqual(["sipas-services@1", "sipas-short@1"]);
  });

  it("hands out frozen data", () => {
    const q = getQuestionnaire("sipas-short")!;
    expect(Object.isFrozen(q.items[0]!.text)).toBe(true);
  });
});

describe("parseQuestionnaire rejects", () => {
  const valid = (): Questionnaire => structuredClone(sipasShort);
  const cases: [string, (q: Questionnaire) => unknown, RegExp][] = [
    ["a duplicate item id", (q) => ({ ...q, items: [...q.items, q.items[0]] }), /duplicate item id "access"/],
    ["a long item id", (q) => ({ ...q, items: [{ ...q.items[0], id: "a_very_long_item_id" }] }), /items/],
    ["an upper-case item id", (q) => ({ ...q, items: [{ ...q.items[0], id: "Access" }] }), /a-z/],
    ["blank Vietnamese text", (q) => ({ ...q, items: [{ ...q.items[0], text: { vi: " ", en: "x" } }] }), /blank/],
    ["missing English text", (q) => ({ ...q, items: [{ ...q.items[0], text: { vi: "x" } }] }), /en/],
    ["an unknown element", (q) => ({ ...q, items: [{ ...q.items[0], element: "speed" }] }), /element/],
    ["an element on a text item", (q) => ({ ...q, items: [{ ...q.items[7], element: "access" }] }), /element/],
    ["a text item without maxLength", (q) => ({ ...q, items: [{ ...q.items[7], maxLength: undefined }] }), /maxLength/],
    [
      "a choice with one option",
      (q) => ({ ...q, items: [{ ...q.items[6], options: [{ id: "a", text: { vi: "a", en: "a" } }] }] }),
      /at least 2 options/,
    ],
    [
      "duplicate option ids",
      (q) => {
        const o = { id: "a", text: { vi: "a", en: "a" } };
        return { ...q, items: [{ ...q.items[6], options: [o, o] }] };
      },
      /duplicate option id "a"/,
    ],
    ["an unknown item kind", (q) => ({ ...q, items: [{ ...q.items[0], kind: "slider" }] }), /kind/],
    ["a misspelt field", (q) => ({ ...q, items: [{ ...q.items[0], optinal: true }] }), /optinal/],
    ["no items", (q) => ({ ...q, items: [] }), /at least one item/],
    ["a zero version", (q) => ({ ...q, version: 0 }), /version/],
  ];

  it.each(cases)("%s", (_name, mutate, message) => {
    let error: unknown;
    try {
      parseQuestionnaire(mutate(valid()));
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, "validation")).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid questionnaire "sipas-short":/);
    expect((error as Error).message).toMatch(message);
  });

  it("names input without an id", () => {
    expect(() => parseQuestionnaire(null)).toThrow(/Invalid questionnaire \(no id\)/);
  });
});
