/**
 * How every answer is checked against its route's response schema and written as JSON. The schema is an
 * allow-list: a field it does not declare never leaves the server (an unmasked ID number on a row, say).
 *
 * fastify-type-provider-zod's own serializer checks with zod's encode, which takes none of parse's compiled fast
 * paths: a window intake's answer (a case with its checklist, timeline and process definition) took 290 µs to
 * encode against 80 µs to parse. Our response schemas hold no codecs and no transforms (encode throws on a
 * transform, and the fuzz test walks every route), so parsing them gives the same output as encoding.
 */
import { InvalidSchemaError, ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';

export const responseSerializerCompiler = ({ schema: given, method, url }: { schema: unknown; method: string; url: string }) => {
  // As the library's: a zod schema, or one wrapped as { properties } by a plugin.
  const wrapped = (given as { properties?: unknown } | null)?.properties;
  const schema = given instanceof $ZodType ? given : wrapped instanceof $ZodType ? wrapped : null;
  if (!schema) throw new InvalidSchemaError(JSON.stringify(given));
  return (data: unknown): string => {
    const result = safeParse(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
