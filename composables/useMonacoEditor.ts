/**
 * A Monaco editor for one demo, created lazily: only where editing makes
 * sense (`enabled`: the demo's slide is shown, not in print or a preview)
 * and only once someone reaches for the code (`wanted`: the pointer comes
 * over it, or it gets focus). Evaluating Monaco costs a few hundred ms of
 * main thread on a modest laptop; paid on intent it never lands on the
 * slide's opening or on a click on Run. Until then the component shows the
 * code in a plain `<pre>`.
 *
 * Monaco and its one-time setup (../setup/monacoForDemos.ts) are imported
 * here with `await import()`, so they land in a separate chunk that the
 * title slide never loads.
 */
import { lockShortcuts } from '@slidev/client'
import { type MaybeRefOrGetter, nextTick, onScopeDispose, type Ref, shallowRef, toValue, watch } from 'vue'
import type { Diagnostic } from '../runtime/run.ts'
import { CODE_PAD_PX, tabSizeFor } from '../logic/codeFit.ts'
import { loadOnce } from '../logic/loadOnce.ts'

export interface MonacoEditorOptions {
  id: string
  /** The code's language; default TypeScript. */
  lang?: 'typescript' | 'python' | 'go'
  container: Ref<HTMLElement | undefined>
  code: Ref<string>
  diagnostics: Ref<readonly Diagnostic[]>
  enabled: Ref<boolean>
  /** Someone reached for the code. */
  wanted: Ref<boolean>
  /** Ctrl/Cmd+Enter. */
  onRun: () => void
  /** Text size in px; the editor follows changes (a demo's zoom). */
  fontSize?: MaybeRefOrGetter<number>
  lineHeight?: MaybeRefOrGetter<number>
  /** A line to mark as running (the visualizer's current step). */
  highlight?: Ref<number | undefined>
  /** Set to the caret's line as the speaker moves it. */
  cursor?: Ref<number | undefined>
  /** The caret's line in another window (the presenter's), marked here. */
  remoteCursor?: Ref<number | undefined>
}

type MonacoModule = typeof import('../setup/monacoForDemos.ts')

const monacoModule = loadOnce<MonacoModule>(() => import('../setup/monacoForDemos.ts'))
const loadMonaco = (): Promise<MonacoModule> => monacoModule.load()

/** Resolves after the next paint, in idle time if the browser offers it. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (typeof requestIdleCallback === 'function') {
          requestIdleCallback(() => resolve(), { timeout: 300 })
        } else resolve()
      }, 0)
    )
  })
}

export function useMonacoEditor(options: MonacoEditorOptions) {
  const {
    id,
    container,
    code,
    diagnostics,
    enabled,
    wanted,
    onRun,
    fontSize = 15,
    lineHeight = 22,
  } = options
  const ready = shallowRef(false)
  /** Asked for and not there yet. */
  const loading = shallowRef(false)
  const failed = shallowRef<string>()
  let disposed = false
  let cleanup = () => {}

  async function create() {
    const { monaco, demoModel } = await loadMonaco()
    // Let the chunk's evaluation end its task before building the editor.
    await afterPaint()
    const el = container.value
    if (disposed || !el) return
    const model = demoModel(id, code.value, options.lang)
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      fontSize: toValue(fontSize),
      lineHeight: toValue(lineHeight),
      fontFamily: 'var(--slidev-code-font-family, "Fira Code", monospace)',
      fontLigatures: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      lineNumbers: 'on',
      lineNumbersMinChars: 2,
      lineDecorationsWidth: 8,
      glyphMargin: false,
      folding: false,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      padding: { top: CODE_PAD_PX, bottom: CODE_PAD_PX },
      scrollbar: {
        verticalScrollbarSize: 8,
        horizontalScrollbarSize: 8,
        alwaysConsumeMouseWheel: false,
      },
      tabSize: tabSizeFor(options.lang ?? 'typescript'),
      contextmenu: false,
      wordWrap: 'off',
      ariaLabel: `Code of the ${id} demo`,
    })

    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onRun())

    // Slide shortcuts (arrows, space) must not fire while typing in the editor.
    let release: (() => void) | undefined
    editor.onDidFocusEditorWidget(() => {
      release ??= lockShortcuts()
    })
    editor.onDidBlurEditorWidget(() => {
      release?.()
      release = undefined
    })

    model.onDidChangeContent(() => {
      const value = model.getValue()
      if (value !== code.value) code.value = value
    })
    const stopCode = watch(code, (value) => {
      if (value !== model.getValue()) model.setValue(value)
    })
    const stopMarkers = watch(diagnostics, (list) => {
      monaco.editor.setModelMarkers(
        model,
        'live-demo',
        list.map((d) => {
          const line = Math.min(Math.max(1, d.line), model.getLineCount())
          const column = Math.min(Math.max(1, d.column), model.getLineMaxColumn(line))
          return {
            severity: monaco.MarkerSeverity.Error,
            message: d.message,
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            endColumn: Math.max(column + 1, model.getLineMaxColumn(line)),
          }
        }),
      )
    }, { immediate: true })

    const stopSize = watch(
      () => [toValue(fontSize), toValue(lineHeight)] as const,
      ([size, height]) => editor.updateOptions({ fontSize: size, lineHeight: height }),
    )

    editor.onDidChangeCursorPosition((e) => {
      if (options.cursor && editor.hasTextFocus()) options.cursor.value = e.position.lineNumber
    })
    const remote = editor.createDecorationsCollection()
    const stopRemote = watch(() => options.remoteCursor?.value, (line) => {
      remote.set(
        line && line <= model.getLineCount()
          ? [{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'live-demo-remote-cursor' } }]
          : [],
      )
    }, { immediate: true })
    const running = editor.createDecorationsCollection()
    const stopHighlight = watch(() => options.highlight?.value, (line) => {
      running.set(
        line && line <= model.getLineCount()
          ? [{
            range: new monaco.Range(line, 1, line, 1),
            options: { isWholeLine: true, className: 'live-demo-running-line', linesDecorationsClassName: 'live-demo-running-mark' },
          }]
          : [],
      )
      if (line) editor.revealLineInCenterIfOutsideViewport(line)
    }, { immediate: true })

    cleanup = () => {
      stopSize()
      stopCode()
      stopMarkers()
      stopHighlight()
      stopRemote()
      release?.()
      editor.dispose()
      model.dispose()
    }
    ready.value = true
    loading.value = false
    // Focus once the editor is visible (it is hidden until `ready` renders).
    if (focusWhenReady) nextTick(() => editor.focus())
  }

  let focusWhenReady = false
  /** Asks for the editor now; `focus` moves the caret into it once it is there. */
  function request(focus = false) {
    focusWhenReady ||= focus
    wanted.value = true
  }

  let started = false
  const stopEnabled = watch(() => enabled.value && wanted.value, (on) => {
    if (!on || started) return
    started = true
    loading.value = true
    create().catch((error) => {
      loading.value = false
      failed.value = String(error)
    })
  }, { immediate: true })

  onScopeDispose(() => {
    disposed = true
    stopEnabled()
    cleanup()
  })

  return { ready, loading, failed, request }
}
