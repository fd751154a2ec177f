// The supply-chain, portability and cost rules, in the order `stackc rules` lists them.
import type { AnyRule } from '../rule.js';
import actionsPinned from '../rules/actions-pinned.js';
import baseImagePinned from '../rules/base-image-pinned.js';
import buildFilesExist from '../rules/build-files-exist.js';
import imageTagPinned from '../rules/image-tag-pinned.js';
import nonProductionScale from '../rules/non-production-scale.js';
import resourceBounds from '../rules/resource-bounds.js';
import targetCapability from '../rules/target-capability.js';
import unusedResource from '../rules/unused-resource.js';

export const SUPPLY_CHAIN_RULES: readonly AnyRule[] = [imageTagPinned, baseImagePinned, actionsPinned, buildFilesExist, targetCapability, resourceBounds, unusedResource, nonProductionScale];
