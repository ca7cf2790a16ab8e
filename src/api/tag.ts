/**
 * WebAssembly.Tag: an exception tag. `new Tag({parameters: [...ValueType]})` allocates a fresh
 * tag; a tag exported by an instance is wrapped once (same Tag object every time). WebAssembly.JSTag
 * is the tag JS exceptions carry inside wasm (one externref parameter).
 */
import { TagInst, createTag } from '../runtime/index.js';
import { EXTERNREF } from '../syntax/types.js';
import { mkRef } from '../valid/index.js';
import { funcDefType, parseValType } from './value-types.js';
import { dictionary, idlInterface, isObject, requireNew, WrapperCache } from './webidl.js';

const tags = new WrapperCache<TagInst, Tag>();

export class Tag {
  readonly #inst: TagInst;

  constructor(type: unknown) {
    requireNew(new.target, 'Tag');
    const adopted = tags.adopting();
    if (adopted) {
      this.#inst = adopted;
      return;
    }
    if (!isObject(type)) throw new TypeError('WebAssembly.Tag(): argument 1 must be a tag type descriptor');
    const params = dictionary(type, 'WebAssembly.Tag()').parameters;
    if (params === undefined) throw new TypeError("WebAssembly.Tag(): descriptor property 'parameters' is required");
    if (!isObject(params) || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError("WebAssembly.Tag(): 'parameters' must be a sequence");
    }
    const types = [...(params as Iterable<unknown>)].map(p => parseValType(p, 'WebAssembly.Tag()'));
    this.#inst = createTag(funcDefType(types, []));
    tags.set(this.#inst, this);
  }

  static isTag(v: unknown): v is Tag {
    return isObject(v) && #inst in v;
  }

  /** The runtime tag (weft extension: for embedders mixing the JS API and the runtime API). */
  static instOf(t: Tag): TagInst {
    return t.#inst;
  }
}
idlInterface(Tag, 'Tag', 1);

/** The Tag object for a runtime tag (created on first use). */
export function tagObject(inst: TagInst): Tag {
  return tags.of(inst, () => new Tag(undefined));
}

export const jsTagInst = createTag(funcDefType([mkRef('extern', true)], []));
export const JSTag = tagObject(jsTagInst);
void EXTERNREF;
