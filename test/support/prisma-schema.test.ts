import { describe, expect, it } from "vitest";
import { parsePrismaModels } from "./prisma-schema";

describe("parsePrismaModels", () => {
  it("reads tables, columns, optionality, ids, uniques, native types and relations", () => {
    const [parent, child] = parsePrismaModels(`
      // a comment { with braces }
      model Parent {
        key      String   @id @map("parent_key")
        code     String   @unique(map: "parent_code_key")
        seenAt   DateTime? @map("seen_at") @db.Timestamptz(6)
        children Child[]
        @@map("parents")
      }
      model Child {
        id     BigInt @id @default(autoincrement())
        key    String @map("parent_key")
        parent Parent @relation(fields: [key], references: [key])
      }
    `);
    expect(parent).toMatchObject({ name: "Parent", table: "parents" });
    expect(parent!.fields).toEqual([
      {
        name: "key",
        column: "parent_key",
        type: "String",
        optional: false,
        list: false,
        isId: true,
        isUnique: false,
        isRelation: false,
      },
      {
        name: "code",
        column: "code",
        type: "String",
        optional: false,
        list: false,
        isId: false,
        isUnique: true,
        isRelation: false,
      },
      {
        name: "seenAt",
        column: "seen_at",
        type: "DateTime",
        dbType: "Timestamptz",
        optional: true,
        list: false,
        isId: false,
        isUnique: false,
        isRelation: false,
      },
      {
        name: "children",
        column: "children",
        type: "Child",
        optional: false,
        list: true,
        isId: false,
        isUnique: false,
        isRelation: true,
      },
    ]);
    expect(child).toMatchObject({ name: "Child", table: "Child" });
    expect(child!.fields.find((f) => f.name === "parent")?.isRelation).toBe(true);
  });
});
