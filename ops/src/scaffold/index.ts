// `pnpm hub connector new <name>`: a new tutelle's connector and subgraph from templates, and what remains.
export { nextSteps } from './checklist';
export { linkAndCompose, REPO_ROOT, scaffoldTutelle, type TutelleNames, tutelleNames } from './scaffold';
