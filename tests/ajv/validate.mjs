// Check sodoan's JSON Schemas with an independent validator: Ajv (Draft 2020-12) + ajv-formats.
//
//   NODE_PATH=<dir>/node_modules node tests/ajv/validate.mjs
//   NODE_PATH=<dir>/node_modules node tests/ajv/validate.mjs --pattern-verdicts
//   npx --yes -p ajv@X -p ajv-formats@Y -c 'node tests/ajv/validate.mjs'
//
// Checks, printing one line per failure and a summary, exit status 1 on any failure:
//   1. every schemas/*.schema.json compiles (ajv's strict mode, strictTypes included), and
//      every "pattern" in them compiles as an ECMAScript regular expression with the "u" flag
//      (the flag ajv uses);
//   2. every bundled data file is VALID: src/sodoan/data/plans/*.json against plan.schema.json,
//      and src/sodoan/data/{pillars,indicators,provinces,agencies,documents}.json against the
//      schema of the same name;
//   3. every case of tests/bad_inputs/cases.json marked "jsonschema": "reject" is INVALID for
//      <kind>.schema.json (a document that strict UTF-8 decoding or JSON.parse refuses counts as
//      rejected, and is counted separately), and every case marked "parse-error" is refused by
//      strict UTF-8 decoding + JSON.parse.
// Known disagreements (KNOWN_GAPS) are printed as "known:" lines and are not failures; one that
// no longer reproduces is a failure, so that the list is kept exact.
//
// With --pattern-verdicts it prints, instead, JSON: every string value in the corpus documents
// and the bundled data, and for every schema pattern whether it matches each string here (a
// string of 0s and 1s); tests/test_ajv.py compares that with Python's re.
//
// ESM imports do not read NODE_PATH, so the packages are loaded with require() (which does).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

// Where `npx -p ajv@X -p ajv-formats@Y -c '...'` installed the packages: its node_modules/.bin
// is on PATH (npx does not set NODE_PATH).
const NPX_ROOTS = (process.env.PATH ?? "")
  .split(path.delimiter)
  .filter((entry) => entry.endsWith(path.join("node_modules", ".bin")))
  .map((entry) => path.dirname(path.dirname(entry)));

function resolve(name) {
  try {
    return require.resolve(name); // NODE_PATH, or a node_modules above this file
  } catch {
    return require.resolve(name, { paths: NPX_ROOTS });
  }
}

function load(name) {
  try {
    const module = require(resolve(name));
    return module.default ?? module;
  } catch (error) {
    fs.writeSync(
      2,
      `cannot load ${name}: install ajv and ajv-formats (see tests/ajv/README.md) and set ` +
        `NODE_PATH to their node_modules directory (${error.code ?? error.message})\n`,
    );
    process.exit(2); // stderr was written synchronously: nothing is lost
  }
}

const Ajv2020 = load("ajv/dist/2020.js");
const addFormats = load("ajv-formats");
const AJV_VERSION = require(resolve("ajv/package.json")).version;
const FORMATS_VERSION = require(resolve("ajv-formats/package.json")).version;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCHEMAS = path.join(REPO, "schemas");
const DATA = path.join(REPO, "src", "sodoan", "data");
const CORPUS = path.join(REPO, "tests", "bad_inputs");
const CODELISTS = ["pillars", "indicators", "provinces", "agencies", "documents"];

// Corpus cases that ajv is known to judge differently from the models, with the reason.
const KNOWN_GAPS = {};

const failures = [];
const known = [];
const counts = {
  dataFiles: 0,
  rejectCases: 0,
  rejected: 0,
  rejectedByParser: 0,
  parseCases: 0,
  unparseable: 0,
};

function fail(line) {
  failures.push(line);
  console.log(`FAIL ${line}`);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function describe(errors) {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message}`)
    .join("; ");
}

// Every "pattern" keyword value (a property named "pattern" under "properties" is skipped).
function patterns(schema, found = new Set()) {
  if (Array.isArray(schema)) {
    for (const item of schema) patterns(item, found);
  } else if (schema !== null && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "pattern" && typeof value === "string") found.add(value);
      else if (key === "properties" && value !== null && typeof value === "object") {
        for (const sub of Object.values(value)) patterns(sub, found);
      } else patterns(value, found);
    }
  }
  return found;
}

// Strict decoding: invalid UTF-8 throws, and a byte-order mark is kept (so JSON.parse refuses it).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function parseStrict(bytes) {
  return JSON.parse(decoder.decode(bytes));
}

function strings(value, found) {
  if (typeof value === "string") found.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, found);
  else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) strings(item, found);
  }
  return found;
}

// -- 1. schemas and patterns compile ---------------------------------------------------------

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

const validators = {};
const allPatterns = new Set();
const schemaFiles = fs
  .readdirSync(SCHEMAS)
  .filter((name) => name.endsWith(".schema.json"))
  .sort();
if (schemaFiles.length === 0) fail(`no schemas in ${SCHEMAS}`);
for (const file of schemaFiles) {
  const name = file.slice(0, -".schema.json".length);
  const schema = readJson(path.join(SCHEMAS, file));
  try {
    validators[name] = ajv.compile(schema);
  } catch (error) {
    fail(`schemas/${file}: does not compile: ${error.message}`);
  }
  for (const pattern of patterns(schema)) allPatterns.add(pattern);
}
const compiled = new Map();
for (const pattern of allPatterns) {
  try {
    compiled.set(pattern, new RegExp(pattern, "u"));
  } catch (error) {
    fail(`pattern ${JSON.stringify(pattern)} does not compile with the "u" flag: ${error.message}`);
  }
}

const cases = readJson(path.join(CORPUS, "cases.json"));
const planFiles = fs
  .readdirSync(path.join(DATA, "plans"))
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => path.join(DATA, "plans", name));
const codelistFiles = CODELISTS.map((name) => path.join(DATA, `${name}.json`));

// -- 2. the bundled data are valid -------------------------------------------------------------

function checkValid(file, schemaName) {
  const validate = validators[schemaName];
  const relative = path.relative(REPO, file);
  if (validate === undefined) {
    fail(`${relative}: no schema ${schemaName}.schema.json`);
    return;
  }
  counts.dataFiles += 1;
  let document;
  try {
    document = parseStrict(fs.readFileSync(file));
  } catch (error) {
    fail(`${relative}: not strict JSON: ${error.message}`);
    return;
  }
  if (!validate(document)) {
    fail(`${relative}: invalid against ${schemaName}.schema.json: ${describe(validate.errors)}`);
  }
}

function checkData() {
  if (planFiles.length === 0) fail("no plans in src/sodoan/data/plans");
  for (const file of planFiles) checkValid(file, "plan");
  CODELISTS.forEach((name, index) => checkValid(codelistFiles[index], name));
}

// -- 3. the bad-input corpus is rejected -------------------------------------------------------

function checkParseError(entry, bytes) {
  counts.parseCases += 1;
  try {
    parseStrict(bytes);
  } catch {
    counts.unparseable += 1;
    return;
  }
  fail(`${entry.name}: marked parse-error, but JSON.parse reads it`);
}

function checkReject(entry, bytes, missingKinds) {
  counts.rejectCases += 1;
  const validate = validators[entry.kind];
  if (validate === undefined) {
    if (!missingKinds.has(entry.kind)) fail(`cases of kind ${entry.kind}: no schema to check`);
    missingKinds.add(entry.kind);
    return;
  }
  let document;
  try {
    document = parseStrict(bytes);
  } catch {
    counts.rejectedByParser += 1;
    counts.rejected += 1;
    return;
  }
  const valid = validate(document);
  const gap = KNOWN_GAPS[entry.name];
  if (valid && gap !== undefined) {
    known.push(entry.name);
    console.log(`known: ${entry.name}: VALID for ajv against ${entry.kind}.schema.json: ${gap}`);
  } else if (valid) {
    fail(`${entry.name}: VALID for ajv against ${entry.kind}.schema.json (${entry.why})`);
  } else if (gap !== undefined) {
    fail(`${entry.name}: listed in KNOWN_GAPS but ajv rejects it now; remove it from the list`);
  } else {
    counts.rejected += 1;
  }
}

function checkCorpus() {
  const missingKinds = new Set();
  for (const entry of cases) {
    const bytes = fs.readFileSync(path.join(CORPUS, entry.file));
    if (entry.jsonschema === "parse-error") checkParseError(entry, bytes);
    else if (entry.jsonschema === "reject") checkReject(entry, bytes, missingKinds);
  }
  for (const name of Object.keys(KNOWN_GAPS)) {
    if (!cases.some((entry) => entry.name === name)) fail(`KNOWN_GAPS names no case ${name}`);
  }
}

function summary() {
  console.log(
    `ajv ${AJV_VERSION}, ajv-formats ${FORMATS_VERSION}: ` +
      `${Object.keys(validators).length} schemas and ${compiled.size} patterns compiled; ` +
      `${counts.dataFiles} data files checked; ` +
      `${counts.rejected}/${counts.rejectCases} reject cases invalid ` +
      `(${counts.rejectedByParser} refused by the parser); ` +
      `${counts.unparseable}/${counts.parseCases} parse-error cases unparseable; ` +
      `${known.length} known gaps; ${failures.length} failures`,
  );
}

// -- pattern verdicts, for tests/test_ajv.py ---------------------------------------------------

function printPatternVerdicts() {
  const found = new Set();
  const files = [...cases.map((entry) => path.join(CORPUS, entry.file)), ...planFiles];
  for (const file of [...files, ...codelistFiles]) {
    try {
      strings(parseStrict(fs.readFileSync(file)), found);
    } catch {
      // not JSON here: no strings to test
    }
  }
  const list = [...found].sort();
  const verdicts = {};
  for (const [pattern, regexp] of compiled) {
    verdicts[pattern] = list.map((s) => (regexp.test(s) ? 1 : 0)).join("");
  }
  console.log(JSON.stringify({ strings: list, verdicts }));
}

// -- main -------------------------------------------------------------------------------------

if (process.argv.includes("--pattern-verdicts")) {
  printPatternVerdicts();
} else {
  checkData();
  checkCorpus();
  summary();
}
// process.exit() could cut off output still queued for a pipe; setting the status does not.
process.exitCode = failures.length === 0 ? 0 : 1;
