// `pnpm hub connector new <name>`: a new tutelle's connector from templates (its subgraph is subgraphs/tutelle's, run
// for it from its descriptor), its registration, and what remains.
export { nextSteps } from './checklist';
export { linkAndCompose, REPO_ROOT, scaffoldTutelle, type TutelleNames, tutelleNames } from './scaffold';
