// The institution representative's signature, drawn with a finger (WeChat, phone browsers) or a mouse (desktop
// browsers) on a Taro Canvas and handed back as a PNG path after every stroke: a temp file on WeChat, a data: URL on
// H5. 清除 starts again; 拒绝签字 records the refusal instead of a picture.
import { memo, useEffect, useRef } from 'react'
import { View, Text, Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'
import { FieldError } from '../Fields'
import { aria } from '../a11y'
import './index.scss'

export type SignatureValue = { kind: 'none' } | { kind: 'drawn'; path: string } | { kind: 'refused' }

interface Props {
  value: SignatureValue
  error?: string
  onChange: (value: SignatureValue) => void
}

type Point = { x: number; y: number }
let seq = 0

export default function SignaturePad({ value, error, onChange }: Props) {
  return (
    <View className='yg-sign'>
      {value.kind === 'refused' ? (
        <View className='yg-sign__refused' ariaRole='status'>
          <Text className='yg-sign__refused-words'>已记录：负责人拒绝签字</Text>
          <View className='yg-sign__btn' ariaRole='button' onClick={() => onChange({ kind: 'none' })}>
            <Text>改为签字</Text>
          </View>
        </View>
      ) : (
        <>
          <Pad hasInk={value.kind === 'drawn'} onInk={(path) => onChange(path ? { kind: 'drawn', path } : { kind: 'none' })} />
          <View className='yg-sign__actions'>
            <Text className='yg-sign__state'>{value.kind === 'drawn' ? '✓ 已签字' : '请负责人在框内签字'}</Text>
            <View className='yg-sign__btn' ariaRole='button' ariaLabel='清除签名' onClick={() => onChange({ kind: 'none' })}>
              <Text>清除</Text>
            </View>
            <View className='yg-sign__btn' ariaRole='button' onClick={() => onChange({ kind: 'refused' })}>
              <Text>拒绝签字</Text>
            </View>
          </View>
        </>
      )}
      <FieldError message={error} />
    </View>
  )
}

/** Memoised: the canvas must not re-render while drawing (Taro's H5 canvas clears itself when re-rendered). */
const Pad = memo(function Pad({ hasInk, onInk }: { hasInk: boolean; onInk: (path: string | undefined) => void }) {
  const id = useRef(`yg-sign-${++seq}`).current
  const strokes = useRef<Point[][]>([])
  const ctx = useRef<CanvasRenderingContext2D | null>(null)
  const node = useRef<HTMLCanvasElement | null>(null)
  const onInkRef = useRef(onInk)
  onInkRef.current = onInk

  // 清除 from outside: the parent says there is no ink while strokes remain.
  useEffect(() => {
    if (!hasInk && strokes.current.length) {
      strokes.current = []
      redraw()
    }
  }, [hasInk])

  function redraw() {
    const c = node.current
    const g = ctx.current
    if (!c || !g) return
    g.clearRect(0, 0, c.width, c.height)
    for (const s of strokes.current) line(s)
  }

  function line(s: Point[]) {
    const g = ctx.current
    if (!g || !s.length) return
    g.beginPath()
    g.moveTo(s[0].x, s[0].y)
    for (const p of s.slice(1)) g.lineTo(p.x, p.y)
    if (s.length === 1) g.lineTo(s[0].x + 0.5, s[0].y + 0.5)
    g.stroke()
  }

  function setup(c: HTMLCanvasElement, g: CanvasRenderingContext2D, width: number, height: number, ratio: number) {
    c.width = Math.round(width * ratio)
    c.height = Math.round(height * ratio)
    g.scale(ratio, ratio)
    g.lineWidth = 3
    g.lineCap = 'round'
    g.lineJoin = 'round'
    g.strokeStyle = '#1f2328'
    node.current = c
    ctx.current = g
  }

  async function exportPng() {
    if (!strokes.current.length) return onInkRef.current(undefined)
    try {
      const res = IS_H5
        ? await Taro.canvasToTempFilePath({ canvasId: id, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
        : await Taro.canvasToTempFilePath({ canvas: node.current as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
      onInkRef.current(res.tempFilePath)
    } catch {
      Taro.showToast({ title: '签名没能保存，请清除后重签', icon: 'none' })
    }
  }

  const start = (p: Point) => {
    strokes.current.push([p])
    line([p])
  }
  const move = (p: Point) => {
    const s = strokes.current[strokes.current.length - 1]
    if (!s) return
    const last = s[s.length - 1]
    s.push(p)
    line([last, p])
  }

  useEffect(() => {
    if (IS_H5) {
      // Pointer events cover finger, pen and mouse alike; Taro's touch props would leave the mouse out.
      const c = document.querySelector<HTMLCanvasElement>(`canvas[canvas-id="${id}"]`)
      const g = c?.getContext('2d')
      if (!c || !g) return
      const rect = c.getBoundingClientRect()
      setup(c, g, rect.width, rect.height, window.devicePixelRatio || 1)
      const at = (e: PointerEvent): Point => {
        const r = c.getBoundingClientRect()
        return { x: e.clientX - r.left, y: e.clientY - r.top }
      }
      let down = false
      const onDown = (e: PointerEvent) => {
        down = true
        c.setPointerCapture?.(e.pointerId)
        start(at(e))
        e.preventDefault()
      }
      const onMove = (e: PointerEvent) => {
        if (!down) return
        move(at(e))
        e.preventDefault()
      }
      const onUp = () => {
        if (!down) return
        down = false
        void exportPng()
      }
      c.style.touchAction = 'none'
      c.addEventListener('pointerdown', onDown)
      c.addEventListener('pointermove', onMove)
      c.addEventListener('pointerup', onUp)
      c.addEventListener('pointercancel', onUp)
      return () => {
        c.removeEventListener('pointerdown', onDown)
        c.removeEventListener('pointermove', onMove)
        c.removeEventListener('pointerup', onUp)
        c.removeEventListener('pointercancel', onUp)
      }
    }
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res) => {
          const found = res?.[0] as { node?: HTMLCanvasElement; width: number; height: number } | undefined
          const g = found?.node?.getContext('2d')
          if (found?.node && g) setup(found.node, g, found.width, found.height, Taro.getSystemInfoSync().pixelRatio || 2)
        })
    }, 50)
    return () => clearTimeout(timer)
  }, [])

  // WeChat's 2d canvas reports touches in canvas coordinates (x, y).
  type Touchy = { touches: { x: number; y: number }[] }
  const touch = (e: unknown): Point => ({ x: (e as Touchy).touches[0].x, y: (e as Touchy).touches[0].y })
  return (
    <View className='yg-sign__box'>
      {IS_H5 ? (
        <Canvas canvasId={id} id={id} className='yg-sign__canvas' />
      ) : (
        <Canvas
          type='2d'
          id={id}
          className='yg-sign__canvas'
          disableScroll
          onTouchStart={(e) => start(touch(e))}
          onTouchMove={(e) => move(touch(e))}
          onTouchEnd={() => void exportPng()}
        />
      )}
      <Text className='yg-sign__line' {...aria({ hidden: true })}>
        签字处
      </Text>
    </View>
  )
})
