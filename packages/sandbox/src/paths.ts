// Both src/paths.ts and the bundled dist/*.js sit one level below the package root, next to public/.
export const PUBLIC_DIR = new URL('../public/', import.meta.url);
