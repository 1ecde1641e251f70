/**
 * Runtime copy of framework.schema.json. The validator imports this constant instead of reading the
 * JSON file so it works when bundled (webpack, browser) and needs no resolveJsonModule in each app.
 * A spec keeps the two identical.
 */
export const FRAMEWORK_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cx-capacity.local/schemas/assessment-framework.schema.json',
  title: 'Assessment framework file',
  description:
    'Structure of a versioned assessment framework (A-11 §280 capacity assessment or a supplemental module). Rules the schema cannot express (unique codes, ascending levels, one descriptor per scale level) are checked by validateFrameworkFile.',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'version', 'effectiveFiscalYear', 'kind', 'description', 'countsTowardTotal', 'scale', 'scoring', 'domains'],
  properties: {
    $schema: { type: 'string' },
    code: { $ref: '#/definitions/code' },
    name: { $ref: '#/definitions/text' },
    version: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+){0,2}$' },
    effectiveFiscalYear: { type: 'integer', minimum: 2000, maximum: 2100 },
    kind: { type: 'string', enum: ['CAPACITY', 'SUPPLEMENTAL'] },
    description: { $ref: '#/definitions/text' },
    countsTowardTotal: { type: 'boolean' },
    scale: {
      type: 'object',
      additionalProperties: false,
      required: ['levels'],
      properties: { levels: { type: 'array', minItems: 2, items: { $ref: '#/definitions/scaleLevel' } } },
    },
    scoring: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'domainMaxPoints', 'description'],
      properties: {
        method: { type: 'string', enum: ['MEAN_LEVEL_SCALED'] },
        domainMaxPoints: { type: 'number', exclusiveMinimum: 0 },
        description: { $ref: '#/definitions/text' },
      },
    },
    domains: { type: 'array', minItems: 1, items: { $ref: '#/definitions/domain' } },
  },
  definitions: {
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9]*([._-][A-Z0-9]+)*$' },
    text: { type: 'string', minLength: 1 },
    scaleLevel: {
      type: 'object',
      additionalProperties: false,
      required: ['value', 'label', 'definition'],
      properties: { value: { type: 'number' }, label: { $ref: '#/definitions/text' }, definition: { $ref: '#/definitions/text' } },
    },
    domain: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'name', 'description', 'criteria'],
      properties: {
        code: { $ref: '#/definitions/code' },
        name: { $ref: '#/definitions/text' },
        description: { $ref: '#/definitions/text' },
        criteria: { type: 'array', minItems: 1, items: { $ref: '#/definitions/criterion' } },
      },
    },
    criterion: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'statement', 'guidance', 'evidencePrompt', 'weight', 'levels'],
      properties: {
        code: { $ref: '#/definitions/code' },
        statement: { $ref: '#/definitions/text' },
        guidance: { $ref: '#/definitions/text' },
        evidencePrompt: { $ref: '#/definitions/text' },
        weight: { type: 'number', exclusiveMinimum: 0 },
        levels: { type: 'array', minItems: 1, items: { $ref: '#/definitions/criterionLevel' } },
      },
    },
    criterionLevel: {
      type: 'object',
      additionalProperties: false,
      required: ['value', 'descriptor'],
      properties: { value: { type: 'number' }, descriptor: { $ref: '#/definitions/text' } },
    },
  },
} as const;
