/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** HTTP base of the gateway, e.g. https://xiaopei.example.cn; '' means same origin (H5 served by the gateway). */
    TARO_APP_API_BASE?: string
    /** WeChat cloud environment id; when set in a weapp build, the client calls functions through wx.cloud. */
    TARO_APP_CLOUD_ENV?: string
    TARO_APP_ID?: string
  }
}

/** The WeChat global, used only by the cloud transport and cloud evidence uploads in weapp builds. */
declare const wx: {
  cloud: {
    init(options: { env: string; traceUser?: boolean }): void
    callFunction(options: { name: string; data: unknown }): Promise<{ result: unknown }>
    uploadFile(options: {
      cloudPath: string
      filePath: string
      success?: (res: { fileID: string; statusCode: number }) => void
      fail?: (err: { errMsg: string }) => void
    }): { onProgressUpdate(cb: (p: { progress: number }) => void): void; abort(): void }
  }
}
