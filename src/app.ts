import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initTransport } from './api/transport'
import { installWebA11y } from './utils/a11y'
import { IS_H5 } from './utils/platform'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initTransport()
    if (IS_H5) installWebA11y()
  })
  return children
}

export default App
