// Preloaded (--import) into the bench's import-report run only: registers load-hook.mjs, which logs each module loaded.
import { register } from 'node:module'

register('./load-hook.mjs', import.meta.url)
