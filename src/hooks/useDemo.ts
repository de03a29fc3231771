import { useEffect, useState } from 'react'
import { demo } from '@/api/auth'
import type { DemoInfo } from '@/domain/api'

/** The server's demo answer, or null until known (and when the server cannot be reached). */
export function useDemo(): DemoInfo | null {
  const [info, setInfo] = useState<DemoInfo | null>(null)
  useEffect(() => {
    let alive = true
    demo().then((res) => {
      if (alive && res.ok) setInfo(res.data)
    })
    return () => {
      alive = false
    }
  }, [])
  return info
}
