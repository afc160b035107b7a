// Module resolve hook (see drizzle-kit.mjs): resolves `drizzle-orm` as packages/db does.
let parentURL;

export function initialize(data) {
  parentURL = data.parentURL;
}

export function resolve(specifier, context, next) {
  if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
    return next(specifier, { ...context, parentURL });
  }
  return next(specifier, context);
}
