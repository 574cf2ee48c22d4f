-- wrk script: files varied, realistic reports with POST /api/v1/reports (JSON).
--
-- Mix: 4 in 5 reports are written by the reporter (a description put together from fragments:
-- who called, what they asked, what happened, when), 1 in 5 is a pasted copy of one of four
-- scam SMS campaigns (near-identical texts: linked by text). Each carries a phone number from a
-- pool of 2,000 (shared by several reports: linked) and a link from a pool of 500 sites. Set
-- COPIES=1 in the environment for the worst case where every report is a pasted copy.
-- Counts replies that are not 201 and prints them at the end (the benchmark fails on any).

local openings = {
  "Hôm qua có người gọi cho mẹ tôi", "Sáng nay tôi nhận được cuộc gọi", "Chiều qua bố tôi nhận tin nhắn",
  "Tối thứ bảy em gái tôi được kết bạn Zalo", "Tuần trước chồng tôi nhận được cuộc gọi video",
  "Có một tài khoản Facebook lạ nhắn tin cho con trai tôi", "Hàng xóm của tôi kể rằng",
}
local claims = {
  "tự xưng là cán bộ công an phường", "giả làm nhân viên ngân hàng", "nói là nhân viên bưu điện",
  "tự giới thiệu là người của công ty tài chính", "mạo danh giáo viên chủ nhiệm của cháu",
  "xưng là nhân viên điện lực", "giả danh bộ phận chăm sóc khách hàng của nhà mạng",
}
local asks = {
  "yêu cầu chuyển tiền vào tài khoản để xác minh", "bảo bấm vào đường link để nhận quà",
  "đòi nộp phí để nhận bưu phẩm", "hướng dẫn cài ứng dụng lạ trên điện thoại",
  "đề nghị cung cấp mã OTP vừa gửi về", "mời tham gia nhóm làm nhiệm vụ được hoàn tiền",
  "dọa sẽ khoá sim nếu không cập nhật thông tin",
}
local outcomes = {
  "may mà gia đình phát hiện kịp", "tôi đã chuyển mất một khoản tiền", "tôi nghi ngờ nên không làm theo",
  "người nhà đã làm theo và bị trừ tiền", "tôi đã chặn số đó", "cháu đã cung cấp thông tin cá nhân",
}
local campaigns = {
  "TB: Tai khoan cua quy khach se bi khoa do chua cap nhat sinh trac hoc. Vui long truy cap %s de cap nhat ngay, lien he %s",
  "Chuc mung quy khach da trung thuong xe may Honda SH tu chuong trinh tri an khach hang, nhan giai tai %s hoac goi %s",
  "Ban co mot buu pham chua nhan do thieu phi van chuyen, vui long thanh toan tai %s, hotline %s",
  "Tuyen cong tac vien lam viec tai nha, thu nhap 500k-2tr/ngay, nhiem vu don gian, dang ky %s Zalo %s",
}

local copies_only = os.getenv("COPIES") == "1"
local counter = 0
local failures = 0
local statuses = {}

local function pick(list) return list[math.random(1, #list)] end

request = function()
  counter = counter + 1
  local phone = string.format("09%08d", math.random(0, 2000))
  local link = string.format("http://lua-dao-%d.top/xac-thuc", math.random(0, 500))
  local text
  if copies_only or math.random(1, 5) == 1 then
    text = string.format(pick(campaigns), link, phone)
  else
    text = string.format("%s, %s, %s, %s. Số điện thoại %s, trang %s", pick(openings), pick(claims),
                         pick(asks), pick(outcomes), phone, link)
  end
  local body = string.format(
    '{"category":"scam_call","description":"%s","ward":"pho-minh","anonymous":true,' ..
    '"indicators":[{"kind":"phone","value":"%s"}]}', text, phone)
  return wrk.format("POST", "/api/v1/reports", {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-201 replies: %d\n", failures))
  for s, n in pairs(statuses) do io.write(string.format("  status %d: %d\n", s, n)) end
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000))
end
