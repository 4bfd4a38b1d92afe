export { extractAnswer, extractBoxed, parseGsm8kAnswer, type ExtractedAnswer, type ExtractionRule } from "./extract";
export { normalizeAnswer, type NormalizedAnswer } from "./normalize";
export {
  answersEqual,
  answersEquivalent,
  compareAnswers,
  explainAnswers,
  type AnswerComparison,
  type AnswerSide,
  type CompareAnswerOptions,
  type EquivalenceOptions,
} from "./equal";
export { compareExpressions, constantValue, numbersClose, parseExpression, REL_TOL, type Expr } from "./expression";
export { latexToSympy, NotAnExpressionError, printSympy } from "./sympy";
