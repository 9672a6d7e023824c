import {
  type CompositeType,
  type EnumType,
  isCompositeType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  type Operation,
  type ScalarType,
  type Schema,
  type SelectionSet,
  type Type,
  typenameFieldName,
  Variable,
} from '@apollo/federation-internals';
import type { DefinitionNode, DocumentNode } from 'graphql';

// The modules themselves (`require`, not an import's namespace copy): their exports are what is replaced.
import operations = require('@apollo/federation-internals/dist/operations');
import resultShaping = require('@apollo/gateway/dist/resultShaping');

/*
 * @apollo/gateway shapes every answer it assembles against the client's operation (its `computeResponse`):
 * field by field, through generic helpers that look up directives, response names and types again at every
 * value and allocate a result object for each. On the inventory page (20 instruments, each with its shares
 * and four tutelles' records) that was a sixth of the gateway's core. Here an operation is compiled once
 * into the steps its shaping takes (response names, skip/include conditions, type chains, fragments' type
 * conditions decided once per __typename), and every answer runs those steps.
 *
 * Only the plain path is compiled: an answer that needs an error (null where the schema says non-null, a
 * __typename or leaf value the schema does not know) or an introspection field is shaped by
 * @apollo/gateway's own function, whose errors and null propagation are then those clients get from it.
 *
 * @apollo/gateway rebuilds the operation's internal form for every request (`operationFromDocument` in
 * `executeQueryPlan`), so that form is kept here per parsed document as well: Apollo Server hands the same
 * document object to every request of one operation, and the compiled steps are kept per operation object.
 * Both replace a function of @apollo/gateway's dependencies through the module it is exported from (where
 * `executeQueryPlan` reads it at each call): `compiled-shaping-install.ts` does that, for the one version it
 * was written against, and checks at start that a real answer goes through it.
 */

/** The original functions, called for what is not compiled. */
const originalComputeResponse = resultShaping.computeResponse;
const originalOperationFromDocument = operations.operationFromDocument;

type ComputeResponse = typeof resultShaping.computeResponse;
type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

/** Thrown where @apollo/gateway's own shaping must answer (an error to report): never seen by callers. */
const FALLBACK = Symbol('shape with @apollo/gateway');

/** `@skip(if:)` / `@include(if:)` of a selection: a constant, or a variable read per request. */
interface Condition {
  skip: boolean;
  value: boolean | string;
}

interface FieldStep {
  kind: 'field';
  responseName: string;
  conditions: Condition[] | null;
  /** `__typename`, however aliased. */
  typename: boolean;
  /** Whether the field has a selection set (not a leaf). */
  composite: boolean;
  type: TypeStep;
}

interface FragmentStep {
  kind: 'fragment';
  conditions: Condition[] | null;
  typeCondition: CompositeType | undefined;
  /** Whether the type condition applies, by the __typename of the value ('' for none). */
  applies: Map<string, boolean>;
  steps: Step[];
}

type Step = FieldStep | FragmentStep;

type TypeStep =
  | { kind: 'nonNull'; of: TypeStep }
  | { kind: 'list'; of: TypeStep }
  | { kind: 'composite'; type: CompositeType; steps: Step[] }
  | { kind: 'leaf'; type: ScalarType | EnumType };

interface Compiled {
  steps: Step[];
  /** Whether any selection has @skip or @include: only then are variables' defaults merged in. */
  conditional: boolean;
}

/** Not compiled: an introspection field, or a directive of a kind this module does not know. */
class NotCompiled extends Error {}

/** A selection's @skip/@include, null without any; marks the operation conditional when it has some. */
function conditionsOf(
  element: { appliedDirectives: ReadonlyArray<unknown> },
  schema: Schema,
  compiled: Compiled,
) {
  const conditions: Condition[] = [];
  for (const directive of element.appliedDirectives as Array<{
    name: string;
    arguments(): Record<string, unknown>;
  }>) {
    if (directive.name !== schema.skipDirective().name && directive.name !== schema.includeDirective().name)
      throw new NotCompiled(`@${directive.name}`);
    const condition = directive.arguments().if;
    conditions.push({
      skip: directive.name === schema.skipDirective().name,
      value: condition instanceof Variable ? condition.name : Boolean(condition),
    });
  }
  if (!conditions.length) return null;
  compiled.conditional = true;
  return conditions;
}

function compileSelections(selectionSet: SelectionSet, schema: Schema, compiled: Compiled): Step[] {
  return selectionSet.selections().map((selection): Step => {
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField()) throw new NotCompiled('introspection');
      // Written into plain objects (below): this one name would set their prototype instead.
      if (field.responseName() === '__proto__') throw new NotCompiled('__proto__ alias');
      const sub = selection.selectionSet;
      return {
        kind: 'field',
        responseName: field.responseName(),
        conditions: conditionsOf(field, schema, compiled),
        typename: field.name === typenameFieldName,
        composite: sub !== undefined,
        type: compileType(field.definition.type!, sub, schema, compiled),
      };
    }
    const fragment = selection.element;
    return {
      kind: 'fragment',
      conditions: conditionsOf(fragment, schema, compiled),
      typeCondition: fragment.typeCondition,
      applies: new Map(),
      steps: compileSelections(selection.selectionSet, schema, compiled),
    };
  });
}

function compileType(
  type: Type,
  selectionSet: SelectionSet | undefined,
  schema: Schema,
  compiled: Compiled,
): TypeStep {
  switch (type.kind) {
    case 'NonNullType':
      return { kind: 'nonNull', of: compileType(type.ofType, selectionSet, schema, compiled) };
    case 'ListType':
      return { kind: 'list', of: compileType(type.ofType, selectionSet, schema, compiled) };
    default:
      if (isCompositeType(type)) {
        if (!selectionSet) throw new NotCompiled(`composite ${type.name} without a selection`);
        return { kind: 'composite', type, steps: compileSelections(selectionSet, schema, compiled) };
      }
      return { kind: 'leaf', type: type as ScalarType | EnumType };
  }
}

/** Compiled steps per operation object (kept per document below, so one per operation). */
const compiledOperations = new WeakMap<Operation, Compiled | null>();

function compiledOf(operation: Operation): Compiled | null {
  let compiled = compiledOperations.get(operation);
  if (compiled === undefined) {
    try {
      const draft: Compiled = { steps: [], conditional: false };
      draft.steps = compileSelections(operation.selectionSet, operation.schema(), draft);
      compiled = draft;
    } catch (error) {
      if (!(error instanceof NotCompiled)) throw error;
      compiled = null;
    }
    compiledOperations.set(operation, compiled);
  }
  return compiled;
}

interface Run {
  schema: Schema;
  variables: Record<string, unknown>;
}

/**
 * An answer's object: a plain one, where @apollo/gateway makes `Object.create(null)`, which V8 keeps as a hash
 * table (dictionary mode). Plain objects of one selection share a hidden class: their fields are written,
 * enumerated and serialised on V8's fast paths, with the same keys in the same order, so the same bytes.
 * A `__proto__` response name is never compiled.
 */
const newObject = (): Output => ({});

const skipped = (conditions: Condition[], variables: Record<string, unknown>) =>
  conditions.some((c) => {
    const value = typeof c.value === 'string' ? variables[c.value] : c.value;
    if (typeof value !== 'boolean') throw FALLBACK; // @apollo/gateway asserts: its error, then
    return c.skip ? value : !value;
  });

/** `applySelectionSet` of @apollo/gateway on the plain path. */
function shapeSelections(steps: Step[], input: Input, output: Output, parentType: CompositeType, run: Run) {
  for (const step of steps) {
    if (step.conditions && skipped(step.conditions, run.variables)) continue;
    if (step.kind === 'fragment') {
      const typename = input[typenameFieldName];
      if (typename !== undefined && typename !== null && typeof typename !== 'string') throw FALLBACK;
      if (applies(step, typename || '', parentType, run.schema))
        shapeSelections(step.steps, input, output, step.typeCondition ?? parentType, run);
      continue;
    }
    const outputValue = output[step.responseName];
    let inputValue = (Object.hasOwn(input, step.responseName) ? input[step.responseName] : null) ?? null;
    if (step.typename) {
      if (outputValue === undefined) {
        if (inputValue === null && step.responseName !== typenameFieldName)
          inputValue = input[typenameFieldName] ?? null;
        const type =
          typeof inputValue === 'string' ? (run.schema.type(inputValue) ?? parentType) : parentType;
        if (!isObjectType(type)) throw FALLBACK;
        output[step.responseName] = type.name;
      }
      continue;
    }
    output[step.responseName] = shapeValue(outputValue, step.type, inputValue, step.composite, run);
  }
}

function applies(step: FragmentStep, typename: string, parentType: CompositeType, schema: Schema) {
  if (!step.typeCondition) return true;
  let applies = step.applies.get(typename);
  if (applies === undefined) {
    const type = typename ? schema.type(typename) : parentType;
    applies = !!type && isSubtype(step.typeCondition, type);
    // Keyed by __typename alone: without one, the parent type decides, and it is fixed for the step.
    step.applies.set(typename, applies);
  }
  return applies;
}

/** `updateOutputValue` of @apollo/gateway on the plain path. */
function shapeValue(
  outputValue: unknown,
  type: TypeStep,
  inputValue: unknown,
  composite: boolean,
  run: Run,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !composite)) return outputValue;
  if (type.kind === 'nonNull') {
    const value = shapeValue(outputValue, type.of, inputValue, composite, run);
    if (value === null) throw FALLBACK; // null for non-null: an error to report
    return value;
  }
  if (inputValue === null) return null;
  switch (type.kind) {
    case 'list': {
      if (!Array.isArray(inputValue)) throw FALLBACK;
      if (
        outputValue !== undefined &&
        (!Array.isArray(outputValue) || outputValue.length !== inputValue.length)
      )
        throw FALLBACK;
      const previous = outputValue as unknown[] | undefined;
      const list = new Array<unknown>(inputValue.length);
      for (let i = 0; i < inputValue.length; i++)
        list[i] = shapeValue(previous?.[i], type.of, inputValue[i], composite, run);
      return list;
    }
    case 'composite': {
      if (typeof inputValue !== 'object') throw FALLBACK;
      if (outputValue !== undefined && typeof outputValue !== 'object') throw FALLBACK;
      const typename = (inputValue as Input)[typenameFieldName];
      let objectType = type.type;
      if (typename !== undefined && typeof typename !== 'string') throw FALLBACK;
      if (typename) {
        const named = run.schema.type(typename);
        if (!named || !isCompositeType(named)) throw FALLBACK;
        objectType = named;
      }
      const object = (outputValue as Output | undefined) ?? newObject();
      shapeSelections(type.steps, inputValue as Input, object, objectType, run);
      return object;
    }
    case 'leaf':
      if (outputValue !== undefined || !isValidLeafValue(run.schema, inputValue, type.type)) throw FALLBACK;
      return inputValue;
  }
}

let fallbacks = 0;
let compiledAnswers = 0;
/** Answers shaped by @apollo/gateway's own function since start (not compiled, or needing errors). */
export const shapingFallbacks = () => fallbacks;
/** Answers shaped by compiled steps since start. */
export const shapedByCompiledSteps = () => compiledAnswers;

/** `computeResponse` of @apollo/gateway, through compiled steps where the answer allows. */
export const computeResponse: ComputeResponse = (args) => {
  const { operation, variables, input } = args;
  const compiled = input ? compiledOf(operation) : null;
  if (!compiled) {
    fallbacks += 1;
    return originalComputeResponse(args);
  }
  const schema = operation.schema();
  const run: Run = {
    schema,
    variables: compiled.conditional
      ? { ...operation.collectDefaultedVariableValues(), ...variables }
      : (variables ?? {}),
  };
  const data = newObject();
  try {
    const root = schema.schemaDefinition.rootType(operation.rootKind)!;
    shapeSelections(compiled.steps, input as Input, data, root, run);
  } catch (error) {
    if (error !== FALLBACK) throw error;
    fallbacks += 1;
    return originalComputeResponse(args);
  }
  compiledAnswers += 1;
  return { data, errors: [] };
};

/** The operations executeQueryPlan built, per schema and parsed operation (with the fragments it came with). */
const builtOperations = new WeakMap<
  Schema,
  WeakMap<DefinitionNode, { definitions: readonly DefinitionNode[]; operation: Operation }>
>();

type OperationFromDocument = typeof operations.operationFromDocument;

/** `operationFromDocument`, kept for executeQueryPlan's calls (the only ones with `validate: false`). */
export const operationFromDocument: OperationFromDocument = (schema, document: DocumentNode, options) => {
  const [head] = document.definitions;
  if (options?.validate !== false || options.operationName !== undefined || !head)
    return originalOperationFromDocument(schema, document, options);
  let bySchema = builtOperations.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    builtOperations.set(schema, bySchema);
  }
  const kept = bySchema.get(head);
  const same =
    kept?.definitions.length === document.definitions.length &&
    kept.definitions.every((d, i) => d === document.definitions[i]);
  if (kept && same) return kept.operation;
  const operation = originalOperationFromDocument(schema, document, options);
  bySchema.set(head, { definitions: [...document.definitions], operation });
  return operation;
};

/** @apollo/gateway's own functions, which `installCompiledShaping` replaces and `uninstall` puts back. */
export const originals = {
  computeResponse: originalComputeResponse,
  operationFromDocument: originalOperationFromDocument,
};
