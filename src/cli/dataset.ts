// Reading benchmark files: JSONL with a question and a reference answer per line, field names detected.
import { readFileSync } from "node:fs";
import { parseGsm8kAnswer } from "../engine";
import { CliError } from "./errors";

export interface Problem {
  /** 0-based line index among the non-blank lines; the resume key. */
  index: number;
  id: string;
  question: string;
  reference: string;
}

const QUESTION_FIELDS = ["question", "problem", "prompt", "input", "query"];
const ANSWER_FIELDS = ["answer", "final_answer", "expected_answer", "gt", "target"];

function pick(row: Record<string, unknown>, wanted: string | undefined, candidates: string[], what: string, where: string): unknown {
  if (wanted !== undefined) {
    if (!(wanted in row)) throw new CliError(`${where} has no field '${wanted}' (the ${what} field you asked for).`);
    return row[wanted];
  }
  for (const name of candidates) if (name in row) return row[name];
  throw new CliError(
    `${where} has no ${what} field; looked for ${candidates.join(", ")}. Name it with --${what}-field. Fields present: ${Object.keys(row).join(", ")}.`,
  );
}

/** The reference answer: GSM8K's `#### n` worked solutions reduce to n; numbers become strings. */
function referenceOf(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return JSON.stringify(value);
  return value.includes("####") ? parseGsm8kAnswer(value) ?? value : value;
}

/** Parses every line up front, so a malformed line is reported before any model is loaded. */
export function readProblems(
  path: string,
  { questionField, answerField }: { questionField?: string; answerField?: string } = {},
): Problem[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(`Cannot read '${path}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  const problems: Problem[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const where = `Line ${i + 1} of ${path}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new CliError(`${where} is not valid JSON (${(err as Error).message}). Fix or remove that line.`);
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new CliError(`${where} is not a JSON object.`);
    }
    const r = row as Record<string, unknown>;
    const question = pick(r, questionField, QUESTION_FIELDS, "question", where);
    if (typeof question !== "string" || question.trim() === "") throw new CliError(`${where}: the question is empty or not text.`);
    const reference = referenceOf(pick(r, answerField, ANSWER_FIELDS, "answer", where));
    const id = typeof r.unique_id === "string" ? r.unique_id : typeof r.id === "string" || typeof r.id === "number" ? String(r.id) : String(problems.length);
    problems.push({ index: problems.length, id, question, reference });
  }
  if (problems.length === 0) throw new CliError(`'${path}' holds no problems.`);
  return problems;
}
