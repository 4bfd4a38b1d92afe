export { extractBoxed, parseGsm8kAnswer } from "./extract";
export { normalizeAnswer, type NormalizedAnswer } from "./normalize";
export { answersEqual, answersEquivalent, type EquivalenceOptions } from "./equal";
export { gradeCommand, gradeAnswer, type GradeCode } from "./grade";
export { compareExpressions, constantValue, numbersClose, REL_TOL } from "./expression";
