/**
 * Monaco, set up once for the live demos: side-effect configuration (its
 * workers, the TypeScript service, the themes following Slidev's dark mode),
 * so it lives in setup/, though Slidev does not load it: its name is none of
 * Slidev's setup hooks. This module is heavy and is only ever loaded with
 * `await import()` (see ../composables/useMonacoEditor.ts), so it lands in
 * its own chunk and no slide pays for it until a demo slide is shown.
 *
 * It takes the editor core and its contributions, but only four languages:
 * TypeScript and JavaScript with their language service, Python and Go with
 * colouring alone (Monaco's main entry registers ~80 languages and an LSP
 * client). Workers are bundled by Vite: nothing is fetched from a CDN.
 * The TypeScript service knows the demo toolkit, as `file:///demos/toolkit.ts`,
 * and the globals of the Worker the demos run in.
 */
import * as monaco from 'monaco-editor/editor/editor.api'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker'
import { typescriptDefaults } from 'monaco-editor/languages/features/typescript/register'
import 'monaco-editor/languages/definitions/typescript/register'
import 'monaco-editor/languages/definitions/javascript/register'
// Python and Go demos get syntax colouring only (no language service).
import 'monaco-editor/languages/definitions/python/register'
import 'monaco-editor/languages/definitions/go/register'
// Every editor contribution and its services. Monaco's TypeScript support
// imports this module too, but lazily, when the first TS model appears: its
// services would then register after Monaco had frozen its service
// collection, and the next editor failed at random ("Sc depends on UNKNOWN
// service ICodeLensCache"). Imported here, they register first, every time.
import 'monaco-editor/internal/common/workers'
import 'monaco-editor/features/find/register'
import { watchEffect } from 'vue'
import { useDarkMode } from '@slidev/client'
import { demoSource } from '../logic/demoSources.ts'
import { UI } from '../styles/tokens.ts'
import { LANG_FILES, type Lang } from '../runtime/hosts.ts'

export { monaco }

// Vite bundles both workers from node_modules; the TypeScript worker serves both TS and JS.
globalThis.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()
  },
}

typescriptDefaults.setCompilerOptions({
  target: 99, // ESNext
  module: 99, // ESNext
  // Bundler (100; Monaco's enum predates it): './toolkit.ts' resolves as under Deno.
  moduleResolution: 100 as number as 2,
  moduleDetection: 3, // Force: every demo is a module, so top-level await type-checks
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  // Demo code runs in a dedicated Worker, so it sees the Worker's globals.
  // Programmatic options take lib file names, not tsconfig's short names.
  lib: [
    'lib.esnext.d.ts',
    'lib.webworker.d.ts',
    'lib.webworker.iterable.d.ts',
    'lib.webworker.asynciterable.d.ts',
  ],
  allowNonTsExtensions: true,
})
typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  // 1375/1378: top-level await outside a module / below ES2022 (never true here, but noisy on edit).
  diagnosticCodesToIgnore: [1375, 1378],
})
typescriptDefaults.setEagerModelSync(true)

// The toolkit as a real model, so `import { sleep } from './toolkit.ts'` resolves and type-checks.
const toolkitUri = monaco.Uri.parse('file:///demos/toolkit.ts')
if (!monaco.editor.getModel(toolkitUri)) {
  monaco.editor.createModel(demoSource('toolkit.ts'), 'typescript', toolkitUri)
}

// Transparent editor background: the container shows the slide's code background.
const colors = (scheme: 'light' | 'dark') => ({
  'editor.background': UI['editor-bg'][scheme],
  'editorGutter.background': UI['editor-bg'][scheme],
})
monaco.editor.defineTheme('live-demo-light', { base: 'vs', inherit: true, rules: [], colors: colors('light') })
monaco.editor.defineTheme('live-demo-dark', { base: 'vs-dark', inherit: true, rules: [], colors: colors('dark') })
const { isDark } = useDarkMode()
watchEffect(() => monaco.editor.setTheme(isDark.value ? 'live-demo-dark' : 'live-demo-light'))

/** The model of one demo's editor, at `file:///demos/<id>.ts` beside the toolkit (`.py`, `.go` for those). */
export function demoModel(
  id: string,
  code: string,
  lang: Lang = 'typescript',
): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///demos/${encodeURIComponent(id)}.${LANG_FILES[lang].ext}`)
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(code, lang, uri)
  if (model.getValue() !== code) model.setValue(code)
  return model
}
