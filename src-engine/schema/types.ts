/**
 * The shape of the generated schema (src-engine/generated/schema.ts, written by
 * scripts/generateSchema.mjs from the kubernetes-models package).
 *
 * A property's type is a compact string: `string`, `integer`, `boolean`, `int-or-string`,
 * `quantity` (a resource.Quantity: string or number), `any` (free-form JSON), `#Name` (an
 * object type of the table), `[]T` (a list of T) or `{}T` (a map from string to T).
 */
export interface RawSchema {
  readonly [typeName: string]: RawType;
}

export interface RawType {
  /** The type's API doc. */
  readonly d?: string;
  /** Properties: [type string, API doc, 1 when required by the OpenAPI schema, enum values]. */
  readonly p: { readonly [property: string]: RawProperty };
}

/** Trailing empty columns are left out; `values` are the OpenAPI enum (of the items, for a list). */
export type RawProperty = readonly [type: string, description?: string, required?: 0 | 1, values?: readonly string[]];

/** The JSON type a field accepts. */
export type SchemaType = 'string' | 'integer' | 'boolean' | 'int-or-string' | 'quantity' | 'any' | 'object' | 'array' | 'map';

/**
 * Where a field is not the same in every supported version, keyed `<TypeName>.<field>`: the
 * first (`since`) and last (`until`) version that has it, and where the OpenAPI's required flag
 * changes, the first version it is required in (`requiredSince`) or the last (`requiredUntil`).
 */
export interface RawFieldVersions {
  readonly [typeAndField: string]: {
    readonly since?: string;
    readonly until?: string;
    readonly requiredSince?: string;
    readonly requiredUntil?: string;
  };
}
