// Every cloud function, by name: the gateway routes /api/:name through this list.
import type { CloudFunction } from './runtime'
import { fn as auth } from './auth'
import { fn as institutions } from './institutions'
import { fn as content } from './content'
import { fn as complaints } from './complaints'
import { fn as files } from './files'
import { fn as staff } from './staff'
import { fn as supervision } from './supervision'

export const functions: Readonly<Record<string, CloudFunction>> = Object.freeze({ auth, institutions, content, complaints, files, staff, supervision })
