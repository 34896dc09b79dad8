import { readFileSync } from "node:fs";

/**
 * A small reader of a .prisma file's models, enough for tests that compare a Prisma model with
 * a live database catalog. It reads `model` blocks only (not enums, views or types).
 */
export type PrismaField = {
  name: string;
  /** the database column (@map, else the field name) */
  column: string;
  /** the Prisma type without ? or [] ("String", "DateTime", or a model name) */
  type: string;
  /** the native type from @db.X, without arguments ("Timestamptz", "JsonB") */
  dbType?: string;
  optional: boolean;
  list: boolean;
  isId: boolean;
  isUnique: boolean;
  /** a relation field: no column of its own */
  isRelation: boolean;
};

export type PrismaModel = { name: string; table: string; fields: PrismaField[] };

const MAP = /@map\("([^"]+)"\)/;

export function parsePrismaModels(source: string): PrismaModel[] {
  const models: PrismaModel[] = [];
  const blocks = source.replace(/\/\/.*$/gm, "").matchAll(/^[ \t]*model\s+(\w+)\s*\{([\s\S]*?)^[ \t]*\}/gm);
  for (const [, name, body] of blocks) {
    const model: PrismaModel = { name: name!, table: name!, fields: [] };
    for (const raw of body!.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith("@@")) {
        const mapped = line.match(/^@@map\("([^"]+)"\)/);
        if (mapped) model.table = mapped[1]!;
        continue;
      }
      const match = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!match) continue;
      const [, fieldName, type, list, optional, attributes = ""] = match;
      model.fields.push({
        name: fieldName!,
        column: attributes.match(MAP)?.[1] ?? fieldName!,
        type: type!,
        ...(attributes.match(/@db\.(\w+)/) ? { dbType: attributes.match(/@db\.(\w+)/)![1] } : {}),
        optional: Boolean(optional),
        list: Boolean(list),
        isId: /@id\b/.test(attributes),
        isUnique: /@unique\b/.test(attributes),
        isRelation: /@relation\b/.test(attributes),
      });
    }
    models.push(model);
  }
  // A field whose type is another model is a relation even without @relation (the back side).
  const modelNames = new Set(models.map((m) => m.name));
  for (const model of models) for (const field of model.fields) if (modelNames.has(field.type)) field.isRelation = true;
  return models;
}

export function readPrismaModels(file: string): PrismaModel[] {
  return parsePrismaModels(readFileSync(file, "utf8"));
}

/** The PostgreSQL types (format_type spelling) a scalar Prisma field may map to. */
export function compatiblePostgresTypes(field: Pick<PrismaField, "type" | "dbType">): string[] {
  switch (field.dbType ?? field.type) {
    case "String":
    case "Text":
      return ["text", "character varying"];
    case "Int":
    case "Integer":
      return ["integer"];
    case "BigInt":
      return ["bigint"];
    case "Boolean":
      return ["boolean"];
    case "Timestamptz":
      return ["timestamp with time zone"];
    case "DateTime":
    case "Timestamp":
      return ["timestamp without time zone", "timestamp(3) without time zone"];
    case "JsonB":
      return ["jsonb"];
    case "Json":
      return ["jsonb", "json"];
    case "Float":
    case "DoublePrecision":
      return ["double precision"];
    case "Decimal":
      return ["numeric"];
    case "Bytes":
      return ["bytea"];
    default:
      return [];
  }
}
