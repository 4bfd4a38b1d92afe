// The sandbox's Python sources are bundled as text (esbuild's "text" loader for .py files).
declare module "*.py" {
  const text: string;
  export default text;
}
