/** Image maths around the DepthFM engine, as static functions over ImgLib2. */
package org.depthfm.ops;
