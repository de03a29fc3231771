// Keyboard and screen-reader glue for the web build. Taro's web components are custom elements (taro-view-core …)
// that a browser does not treat as controls: a View with role="button" is not reachable by Tab and ignores Enter.
// This module, installed once at launch on H5, gives every element that says it is a control the keyboard
// behaviour a native control has. The mini-program has no keyboard; WeChat's read-aloud mode uses aria-role.

/** Roles a person operates: reachable by Tab and activated by Enter (and Space, except links). */
const CONTROL_ROLES = ['button', 'link', 'tab', 'radio', 'switch', 'checkbox', 'menuitem', 'option']
const CONTROLS = CONTROL_ROLES.map((r) => `[role="${r}"]`).join(',')

function isInert(el: Element): boolean {
  return el.getAttribute('aria-disabled') === 'true'
}

/** Makes the controls inside `root` focusable; names Taro's images for assistive technology. */
export function upgrade(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>(CONTROLS).forEach((el) => {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  })
  // Taro's web title bar: the back arrow and the home icon are bare divs with a picture.
  for (const [selector, name] of [['.taro-navigation-bar-back', '返回'], ['.taro-navigation-bar-home', '回到首页']]) {
    root.querySelectorAll<HTMLElement>(`${selector}:not([role])`).forEach((el) => {
      el.setAttribute('role', 'button')
      el.setAttribute('aria-label', name)
      el.setAttribute('tabindex', '0')
      el.querySelector('svg')?.setAttribute('aria-hidden', 'true')
    })
  }
  // The weui picker's 取消 / 确定 are bare divs.
  root.querySelectorAll<HTMLElement>('.weui-picker__action:not([role])').forEach((el) => {
    el.setAttribute('role', 'button')
    el.setAttribute('tabindex', '0')
  })
  // A Taro Image is a custom element around an <img>: the label given to the Image belongs on the picture itself;
  // an image with no label is decoration.
  root.querySelectorAll<HTMLImageElement>('taro-image-core img:not([alt])').forEach((img) => {
    const host = img.closest('taro-image-core')
    img.setAttribute('alt', host?.getAttribute('aria-label') ?? '')
  })
  // A Taro Input or Textarea is a custom element around the real field: its label (ariaLabel) belongs on the field,
  // which otherwise is named only by its placeholder.
  root.querySelectorAll<HTMLElement>('taro-input-core[aria-label] input:not([aria-label]), taro-textarea-core[aria-label] textarea:not([aria-label])').forEach((field) => {
    const host = field.closest('taro-input-core, taro-textarea-core')
    const name = host?.getAttribute('aria-label')
    if (name) field.setAttribute('aria-label', name)
  })
  // A page scrolls in its own box: a keyboard must be able to reach it to scroll it.
  root.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'))
}

function onKeyDown(event: KeyboardEvent) {
  if (event.key !== 'Enter' && event.key !== ' ') return
  const el = event.target as HTMLElement | null
  if (!el || !(el instanceof HTMLElement) || !el.matches(CONTROLS)) return
  if (event.key === ' ' && el.getAttribute('role') === 'link') return
  event.preventDefault()
  if (isInert(el)) return
  el.click()
}

let installed = false

/** Call once at launch on the web build. */
export function installWebA11y(doc: Document = document): void {
  if (installed || typeof MutationObserver === 'undefined') return
  installed = true
  doc.addEventListener('keydown', onKeyDown, true)
  let queued = false
  const observer = new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(() => {
      queued = false
      upgrade(doc)
    })
  })
  observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-label'] })
  upgrade(doc)
}
