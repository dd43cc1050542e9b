package com.marquee.service.api;

import com.marquee.service.http.ApiException;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;

/** Access to the served model from handlers. */
final class Models {

  private Models() {}

  /** The current snapshot. @throws ApiException 503 {@code model_not_loaded} when none is loaded */
  static ModelSnapshot require(ModelHolder holder) {
    return holder.current().orElseThrow(ApiException::modelNotLoaded);
  }
}
