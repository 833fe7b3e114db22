// The tests' KKT check is the library's (ts/lp/kkt-violation.ts, where the DC OPF also certifies its PTDF answers).
export { kktViolation } from '../../ts/lp/kkt-violation.js';
