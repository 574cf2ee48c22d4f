#include "http/internal/problems.h"

#include <string>

namespace binhyen::http::internal {

Response ServerProblem(ServerError error, size_t limit) {
  switch (error) {
    case ServerError::kMalformed:
      return Response::Problem(400, "The request is malformed.", "Yêu cầu không hợp lệ.");
    case ServerError::kPlainHttpOnTlsPort:
      return Response::Problem(400, "This port speaks HTTPS only: use an https:// address.",
                               "Cổng này chỉ nhận HTTPS: hãy dùng địa chỉ https://.");
    case ServerError::kNotFound:
      return Response::Problem(404, "Nothing exists at this address.",
                               "Không tìm thấy nội dung tại địa chỉ này.");
    case ServerError::kMethodNotAllowed:
      return Response::Problem(405, "This method is not allowed at this address.",
                               "Phương thức này không được phép tại địa chỉ này.");
    case ServerError::kTimeout:
      return Response::Problem(408, "The request did not arrive in time.",
                               "Yêu cầu không được gửi đến kịp thời.");
    case ServerError::kBodyTooLarge: {
      const std::string n = std::to_string(limit);
      return Response::Problem(413, "The request body is larger than " + n + " bytes.",
                               "Nội dung yêu cầu vượt quá " + n + " byte.");
    }
    case ServerError::kHeadersTooLarge:
      return Response::Problem(431, "The request headers are too large.",
                               "Phần tiêu đề của yêu cầu quá lớn.");
    case ServerError::kHandlerFailed:
      return Response::Problem(500,
                               "An internal error occurred; it was logged with the request id.",
                               "Đã xảy ra lỗi nội bộ; lỗi đã được ghi lại cùng mã yêu cầu.");
    case ServerError::kTooManyConnections:
      return Response::Problem(503, "The server is busy; please try again shortly.",
                               "Máy chủ đang quá tải; vui lòng thử lại sau ít phút.");
  }
  return Response::Problem(500, "Unknown error.", "Lỗi không xác định.");
}

}  // namespace binhyen::http::internal
