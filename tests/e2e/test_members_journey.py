import pytest

from members.models import Member
from tests.e2e.conftest import log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_lets_the_secretary_add_a_member_from_the_browser(demo, open_page):
    page = open_page()
    log_in(page, "bithu")
    page.get_by_role("heading", name="Việc cần làm").wait_for()  # where a login lands
    page.goto(f"{page.base_url}/members/")
    page.get_by_role("heading", name="Danh sách đảng viên").wait_for()
    page.get_by_role("link", name="Thêm đảng viên").click()
    page.get_by_label("Họ và tên").fill("Trịnh Văn Minh")
    page.get_by_label("Tên đăng nhập").fill("trinhminh")
    page.get_by_label("Mật khẩu ban đầu").fill("mat-khau-ban-dau-2026")
    page.get_by_label("Giới tính").select_option("male")
    page.get_by_label("Ngày sinh").fill("12/12/2099")  # a mistake first
    page.get_by_label("Ngày vào Đảng").fill("19/05/2015")
    page.get_by_label("Ngày chính thức").fill("19/05/2016")
    page.get_by_label("Trình độ học vấn").select_option("bachelor")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Ngày sinh không thể ở tương lai.").wait_for()
    assert page.get_by_label("Họ và tên").input_value() == "Trịnh Văn Minh"  # nothing typed was lost
    page.get_by_label("Ngày sinh").fill("12/12/1990")
    page.get_by_label("Mật khẩu ban đầu").fill("mat-khau-ban-dau-2026")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Trịnh Văn Minh").wait_for()
    page.get_by_text("Đã thêm đồng chí Trịnh Văn Minh vào chi bộ.").wait_for()
    assert Member.objects.get(full_name="Trịnh Văn Minh").cell.name == "Chi bộ 4"


def test_it_shows_a_member_on_a_phone_the_list_and_only_their_own_record(demo, open_page):
    page = open_page(viewport={"width": 390, "height": 844})
    log_in(page, "dangvien")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    page.goto(f"{page.base_url}/members/")
    page.get_by_role("heading", name="Danh sách đảng viên").wait_for()
    assert page.get_by_text("9 đảng viên: 9 chính thức, 0 dự bị").is_visible()
    assert page.get_by_role("link", name="Thêm đảng viên").count() == 0
    assert page.get_by_role("link", name="Nguyễn Văn An").count() == 0  # not their record
    page.get_by_role("link", name="Phạm Thị Dung").click()
    page.get_by_role("heading", name="Phạm Thị Dung").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
