// Bringing what a person must read next into view — a failed submit's banner, a verdict below the form — in one jump,
// and only when it is not on screen already. An animated scroll moves the very button the person is reaching for
// (the banner's 重试 slid away under a tap that then landed on nothing), and Taro's H5 pageScrollTo({selector})
// scrolls to the element's offsetTop within its positioned parent, not within the page.
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'

/** Room left between the element and the screen's edge when it has to be scrolled to (px). */
const MARGIN = 16

/**
 * H5: the last rendered element for a selector. Pages under the current one stay in the document, hidden, with the
 * same classes and ids, so the first match may be on a page nobody sees.
 */
export function shownElement(selector: string): HTMLElement | undefined {
  const matches = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((el) => el.getClientRects().length > 0)
  return matches[matches.length - 1]
}

/** Scrolls, without animation, just far enough for `selector` to be on screen (its top first, if it is taller). */
export function bringIntoView(selector: string): void {
  if (IS_H5) {
    shownElement(selector)?.scrollIntoView({ block: 'nearest', behavior: 'instant' })
    return
  }
  Taro.createSelectorQuery()
    .select(selector)
    .boundingClientRect()
    .selectViewport()
    .scrollOffset()
    .exec((res: unknown[] | undefined) => {
      const [rect, viewport] = (res ?? []) as [Taro.NodesRef.BoundingClientRectCallbackResult?, Taro.NodesRef.ScrollOffsetCallbackResult?]
      if (!rect || !viewport) return
      // getWindowInfo from base library 2.20.1; getSystemInfoSync before it (deprecated since).
      const height = (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).windowHeight
      if (rect.top >= 0 && rect.bottom <= height) return
      const by = rect.top < 0 || rect.height > height - 2 * MARGIN ? rect.top - MARGIN : rect.bottom - height + MARGIN
      Taro.pageScrollTo({ scrollTop: Math.max(0, viewport.scrollTop + by), duration: 0 })?.catch?.(() => undefined)
    })
}
