import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import type { ClientError } from '@/api/transport'
import type { VerifyAnswer } from '@/domain/api'
import { Button, ErrorState, PageFrame } from '@/components'
import { IS_H5 } from '@/utils/platform'
import { codeFromScan } from '@/utils/scan'
import VerifyResult from './VerifyResult'
import './index.scss'

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'answer'; answer: VerifyAnswer }
  | { kind: 'error'; error: ClientError }

export default function VerifyPage() {
  const [code, setCode] = useState('')
  const [state, setState] = useState<State>({ kind: 'idle' })
  const [fieldError, setFieldError] = useState('')

  async function check(raw: string) {
    const value = raw.trim()
    if (!value) {
      setFieldError('请输入统一社会信用代码或办学许可证号')
      return
    }
    setFieldError('')
    setState({ kind: 'checking' })
    const res = await institutions.verify(value)
    if (!res.ok) {
      if (res.error.code === 'invalid_input') {
        setFieldError(res.error.fields?.code ?? res.error.message)
        setState({ kind: 'idle' })
      } else {
        setState({ kind: 'error', error: res.error })
      }
      return
    }
    if (res.data.result === 'invalid_code') {
      setFieldError(res.data.message ?? '代码格式不正确，请核对后重新输入')
      setState({ kind: 'idle' })
      return
    }
    setState({ kind: 'answer', answer: res.data })
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'barCode'] })
      const scanned = codeFromScan(res.result)
      setCode(scanned)
      check(scanned)
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (!/cancel/i.test(msg)) Taro.showToast({ title: '没有识别到代码，请对准二维码重试，或手动输入', icon: 'none', duration: 2500 })
    }
  }

  return (
    <PageFrame className='yg-verify'>
      <View className='yg-verify__card'>
        {!IS_H5 ? (
          <View>
            <Button onClick={scan}>扫一扫</Button>
            <Text className='yg-verify__why'>扫码需要使用相机，仅用于读取机构公示的二维码，不拍照、不保存图像。</Text>
            <View className='yg-verify__or'>
              <Text>或手动输入</Text>
            </View>
          </View>
        ) : (
          <Text className='yg-verify__why yg-verify__why--top'>网页版无法调用相机扫码，请输入机构公示的代码；在微信小程序中可直接扫一扫。</Text>
        )}

        <Text className='yg-verify__label'>统一社会信用代码或办学许可证号</Text>
        <Input
          className={`yg-verify__input${fieldError ? ' yg-verify__input--error' : ''}`}
          value={code}
          maxlength={40}
          confirmType='done'
          placeholder='18位信用代码或许可证号'
          placeholderClass='yg-verify__placeholder'
          ariaLabel='统一社会信用代码或办学许可证号'
          onInput={(e) => {
            setCode(e.detail.value)
            if (fieldError) setFieldError('')
          }}
          onConfirm={() => check(code)}
        />
        {fieldError && (
          <View className='yg-verify__error' ariaRole='alert'>
            <Text>{fieldError}</Text>
          </View>
        )}
        <Text className='yg-verify__hint'>代码印在机构的办学许可证和登记证书（营业执照、民办非企业单位登记证书等）上，不区分大小写，可以带空格。</Text>
        <View className='yg-verify__submit'>
          <Button variant={IS_H5 ? 'primary' : 'secondary'} loading={state.kind === 'checking'} onClick={() => check(code)}>
            核验
          </Button>
        </View>
      </View>

      {state.kind === 'error' && <ErrorState error={state.error} onRetry={() => check(code)} />}
      {state.kind === 'answer' && <VerifyResult answer={state.answer} code={code.trim()} />}
    </PageFrame>
  )
}
