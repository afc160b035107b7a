/** Stylesheets imported for their side effect; esbuild emits them as static/graphiql.css. */
declare module '*.css';
