/**
 * The attribute columns of read features (issue #8), for the import's field-mapping step: each property name in
 * order of first appearance, its type and up to 3 distinct example values. Used by `readVectorFile`.
 */
import type { Feature, Geometry } from "geojson";
import type { FieldInfo } from "@/lib/io/formats/types";

const kindOf = (value: unknown): FieldInfo["type"] | null =>
  value === null || value === undefined || value === "" ? null : typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string";

/** Used by `readVectorFile` (and the import UI): the {@link FieldInfo} of every property of the features. */
export function fieldsOf(features: Array<Feature<Geometry | null, Record<string, unknown> | null>>): FieldInfo[] {
  const fields = new Map<string, { type: FieldInfo["type"] | null; samples: string[] }>();
  for (const f of features) {
    for (const [name, value] of Object.entries(f.properties ?? {})) {
      let field = fields.get(name);
      if (!field) fields.set(name, (field = { type: null, samples: [] }));
      const kind = kindOf(value);
      if (kind === null) continue;
      field.type = field.type === null || field.type === kind ? kind : "mixed";
      const text = typeof value === "object" ? JSON.stringify(value) : String(value);
      if (field.samples.length < 3 && !field.samples.includes(text)) field.samples.push(text);
    }
  }
  return [...fields].map(([name, { type, samples }]) => ({ name, type: type ?? "string", samples }));
}
